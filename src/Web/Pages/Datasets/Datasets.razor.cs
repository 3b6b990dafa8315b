using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Datasets;

/// <summary>The current workspace's datasets (or its deleted ones), storage usage, and the ways to start one.</summary>
public partial class Datasets
{
    private readonly Throttle _reload = new(TimeSpan.FromSeconds(2));
    private readonly List<DatasetDto> _items = [];
    private readonly CancellationTokenSource _cts = new();
    private string? _next;
    private bool _loaded;
    private bool _loadingMore;
    private bool _showDeleted;
    private StorageDto? _storage;
    private OperationDto? _sample;
    private bool _startingSample;
    private Guid? _restoring;

    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;

    private bool CanEdit => State.Current?.MyRole >= WorkspaceRole.Member;
    private bool SampleBusy => _startingSample || _sample is { } op && !op.IsFinished();

    protected override void OnInitialized() => State.Live.Received += OnLiveEvent;

    protected override void OnWorkspaceChanged()
    {
        _items.Clear();
        _next = null;
        _loaded = false;
        _storage = null;
        _sample = null;
    }

    protected override async Task LoadAsync(WorkspaceDto workspace)
    {
        _reload.Ran();
        var list = Api.ListDatasetsAsync(workspace.Id, _showDeleted, null, Paging.DefaultLimit, _cts.Token);
        var storage = Api.GetStorageAsync(workspace.Id, _cts.Token);
        var page = await list;
        _items.Clear();
        _items.AddRange(page.Items);
        _next = page.NextCursor;
        _loaded = true;
        _storage = await storage;
    }

    private async Task LoadMoreAsync()
    {
        if (Workspace is not { } ws || _next is null) return;
        _loadingMore = true;
        await Feedback.TryAsync(async () =>
        {
            var page = await Api.ListDatasetsAsync(ws.Id, _showDeleted, _next, Paging.DefaultLimit, _cts.Token);
            _items.AddRange(page.Items.Where(d => _items.All(i => i.Id != d.Id)));
            _next = page.NextCursor;
        });
        _loadingMore = false;
    }

    private async Task ShowDeletedAsync(bool value)
    {
        _showDeleted = value;
        _items.Clear();
        _next = null;
        _loaded = false;
        await ReloadAsync();
    }

    private async Task NewDatasetAsync()
    {
        if (Workspace is not { } ws) return;
        var parameters = new DialogParameters<DatasetFormDialog> { { d => d.WorkspaceId, ws.Id } };
        var dialog = await Dialogs.ShowAsync<DatasetFormDialog>("New dataset", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: DatasetDto created })
        {
            Feedback.Success($"Dataset “{created.Name}” created. Import files to make its first version.");
            Nav.NavigateTo($"/datasets/{created.Id}?tab=import");
        }
    }

    private async Task AddSampleAsync(DatasetKind kind)
    {
        if (SampleBusy || Workspace is not { } ws) return;
        _startingSample = true;
        await Feedback.TryAsync(async () => _sample = await Api.AddSampleDatasetAsync(ws.Id, kind, _cts.Token));
        _startingSample = false;
    }

    private async Task SampleFinishedAsync(OperationDto op)
    {
        _sample = op;
        if (op.State == OperationState.Succeeded && op.SubjectId is { } id)
        {
            Feedback.Success("The sample dataset is ready.");
            Nav.NavigateTo($"/datasets/{id}");
            return;
        }
        if (op.State != OperationState.Succeeded) Feedback.Error(op.Message ?? "Adding the sample dataset did not succeed.");
        await ReloadAsync();
    }

    private async Task RestoreAsync(DatasetDto dataset)
    {
        if (Workspace is not { } ws) return;
        _restoring = dataset.Id;
        await Feedback.TryAsync(async () =>
        {
            var restored = await Api.RestoreDatasetAsync(ws.Id, dataset.Id, _cts.Token);
            _items.RemoveAll(i => i.Id == restored.Id);
            Feedback.Success($"“{restored.Name}” restored.");
        });
        _restoring = null;
    }

    private void OnLiveEvent(LiveEventDto e)
    {
        if (e.Type != LiveEvents.DatasetChanged) return;
        ReloadSoon(_reload, _cts.Token);
    }

    protected override void Disposing()
    {
        State.Live.Received -= OnLiveEvent;
        _cts.Cancel();
        _cts.Dispose();
    }
}
