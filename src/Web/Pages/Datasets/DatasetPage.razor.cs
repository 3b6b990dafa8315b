using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Datasets;

/// <summary>
/// One dataset: header actions (split, export, edit, delete), the version picker, and the Gallery, Statistics,
/// Versions and Import tabs. Reloads when a dataset.changed event names it; "u" jumps to the upload picker.
/// </summary>
public partial class DatasetPage
{
    private const int GalleryTabIndex = 0;
    private const int StatisticsTabIndex = 1;
    private const int VersionsTabIndex = 2;
    private const int ImportTabIndex = 3;
    private const int MaxVersionPages = 5;
    private readonly Throttle _reload = new(TimeSpan.FromSeconds(1));

    private readonly CancellationTokenSource _cts = new();
    private readonly List<DatasetVersionDto> _versions = [];
    private readonly List<TrackedOperation> _activity = [];
    private DatasetDto? _dataset;
    private bool _notFound;
    private string? _versionsNext;
    private bool _loadingVersions;
    private int? _selected;
    private bool _followLatest = true;
    private int _tab;
    private Guid? _paramId;
    private string? _appliedTab;
    private int? _appliedVersion;
    private ImportSession? _import;
    private DotNetObjectReference<DatasetPage>? _self;
    private int? _shortcutId;
    private bool _focusUpload;

    [Parameter] public Guid Id { get; set; }
    [SupplyParameterFromQuery(Name = "tab")] public string? TabQuery { get; set; }
    [SupplyParameterFromQuery(Name = "version")] public int? VersionQuery { get; set; }
    [SupplyParameterFromQuery(Name = "item")] public Guid? ItemQuery { get; set; }

    /// <summary>The gallery of <paramref name="version"/> with one of its items open (how a run's results link to their items).</summary>
    public static string ItemUrl(Guid datasetId, int version, Guid itemId) => $"/datasets/{datasetId}?version={version}&item={itemId}";

    /// <summary>The item the address asks to open, once the version it names is the one shown.</summary>
    private Guid? ItemToOpen => VersionQuery is null || VersionQuery == _selected ? ItemQuery : null;

    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private LocalStore Store { get; set; } = default!;

    private bool CanEdit => State.Current?.MyRole >= WorkspaceRole.Member;
    private bool CanImport => CanEdit && _dataset is { DeletedAt: null };
    private DatasetVersionDto? SelectedVersion => _versions.FirstOrDefault(v => v.Number == _selected);
    private DatasetKind? Kind => _dataset?.Kind ?? SelectedVersion?.Kind;

    protected override void OnInitialized() => State.Live.Received += OnLiveEvent;

    protected override async Task OnParametersSetAsync()
    {
        if (TabQuery != _appliedTab)
        {
            _appliedTab = TabQuery;
            _tab = TabQuery?.ToLowerInvariant() switch
            {
                "statistics" or "stats" => StatisticsTabIndex,
                "versions" => VersionsTabIndex,
                "import" => ImportTabIndex,
                _ => GalleryTabIndex,
            };
        }
        ApplyVersionQuery();
        if (_paramId is null) { _paramId = Id; return; }
        if (_paramId == Id) return;
        _paramId = Id;
        ResetDataset();
        await ReloadAsync();
    }

    protected override void OnWorkspaceChanged() => ResetDataset();

    private void ResetDataset()
    {
        _dataset = null;
        _notFound = false;
        _versions.Clear();
        _versionsNext = null;
        _selected = null;
        _followLatest = true;
        _appliedVersion = null;
        _activity.Clear();
        if (_import is { } old) _ = old.DisposeAsync().AsTask();
        _import = null;
    }

    protected override async Task LoadAsync(WorkspaceDto workspace)
    {
        _reload.Ran();
        try
        {
            _dataset = await Api.GetDatasetAsync(workspace.Id, Id, _cts.Token);
            _notFound = false;
        }
        catch (PlatformApiException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            _notFound = true;
            _dataset = null;
            return;
        }
        await LoadVersionsAsync(workspace.Id);
        _import ??= new ImportSession(new UploadQueue(Api, JS, Store, workspace.Id));
    }

    /// <summary>Reads the newest versions (a few pages); keeps the selection, or follows the latest.</summary>
    private async Task LoadVersionsAsync(Guid ws)
    {
        var all = new List<DatasetVersionDto>();
        string? cursor = null;
        for (var i = 0; i < MaxVersionPages; i++)
        {
            var page = await Api.ListVersionsAsync(ws, Id, cursor, Paging.MaxLimit, _cts.Token);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
            if (cursor is null) break;
        }
        SetVersions(all, cursor);
    }

    private void SetVersions(IEnumerable<DatasetVersionDto> versions, string? next)
    {
        var sorted = versions.GroupBy(v => v.Number).Select(g => g.First()).OrderByDescending(v => v.Number).ToList();
        _versions.Clear();
        _versions.AddRange(sorted);
        _versionsNext = next;
        if (_versions.Count == 0) _selected = null;
        else if (_followLatest || _selected is null || _versions.All(v => v.Number != _selected)) _selected = _versions[0].Number;
        ApplyVersionQuery();
    }

    private void ApplyVersionQuery()
    {
        if (VersionQuery is not { } asked || asked == _appliedVersion || _versions.All(v => v.Number != asked)) return;
        _appliedVersion = asked;
        SelectVersion(asked);
        if (ItemQuery is not null) _tab = GalleryTabIndex;
    }

    private async Task LoadMoreVersionsAsync()
    {
        if (Workspace is not { } ws || _versionsNext is null) return;
        _loadingVersions = true;
        await Feedback.TryAsync(async () =>
        {
            var page = await Api.ListVersionsAsync(ws.Id, Id, _versionsNext, Paging.MaxLimit, _cts.Token);
            SetVersions(_versions.Concat(page.Items), page.NextCursor);
        });
        _loadingVersions = false;
    }

    private string VersionText(int number)
    {
        var latest = _versions.Count > 0 && _versions[0].Number == number;
        return $"v{number}" + (latest ? " (latest)" : "");
    }

    private void SelectVersion(int number)
    {
        _selected = number;
        _followLatest = _versions.Count > 0 && _versions[0].Number == number;
    }

    private void ViewVersion(int number)
    {
        SelectVersion(number);
        _tab = GalleryTabIndex;
    }

    private void GoToImport() => _tab = ImportTabIndex;

    private void DismissActivity(TrackedOperation tracked) => _activity.Remove(tracked);

    /// <summary>After an import or split: show the version it made (or the newest).</summary>
    private async Task ShowVersionOfAsync(OperationDto op)
    {
        if (Workspace is not { } ws) return;
        await Feedback.TryAsync(async () =>
        {
            _dataset = await Api.GetDatasetAsync(ws.Id, Id, _cts.Token);
            await LoadVersionsAsync(ws.Id);
        });
        var made = _versions.FirstOrDefault(v => v.OperationId == op.Id) ?? _versions.FirstOrDefault();
        if (made is not null) SelectVersion(made.Number);
    }

    private async Task ImportFinishedAsync(OperationDto op)
    {
        if (op.State != OperationState.Succeeded) return;
        await ShowVersionOfAsync(op);
        if (SelectedVersion is { } v) Feedback.Success($"Imported: version v{v.Number} has {Format.Count(v.ItemCount)} items.");
    }

    private async Task ActivityFinishedAsync((TrackedOperation Tracked, OperationDto Operation) finished)
    {
        var (tracked, op) = finished;
        if (op.State != OperationState.Succeeded)
        {
            Feedback.Error($"{tracked.Title}: {op.Message ?? op.State.ToString()}");
            return;
        }
        if (tracked.IsExport)
        {
            Feedback.Success($"{tracked.Title} is ready to download.");
            return;
        }
        await ShowVersionOfAsync(op);
        if (SelectedVersion is { } v) Feedback.Success($"Split done: showing v{v.Number}.");
    }
}
