using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Annotation;

/// <summary>
/// Offers the image and text versions of the workspace's datasets (tables cannot be annotated), prefills the labels from
/// the chosen version's classes, checks the form here, then creates the project and returns it.
/// </summary>
public partial class NewProjectDialog
{
    private const string Name = nameof(CreateAnnotationProjectRequest.Name);
    private const string DatasetId = nameof(CreateAnnotationProjectRequest.DatasetId);
    private const string VersionNumber = nameof(CreateAnnotationProjectRequest.VersionNumber);
    private const string Kind = nameof(CreateAnnotationProjectRequest.Kind);
    private const string Instructions = nameof(CreateAnnotationProjectRequest.Instructions);
    private const string BatchSize = nameof(CreateAnnotationProjectRequest.BatchSize);
    private const string Overlap = nameof(CreateAnnotationProjectRequest.Overlap);
    private const int MinOverlap = 1;
    private const int MaxOverlap = 5;
    private const int MaxName = 100;

    private readonly string _formId = "project-form-" + Guid.NewGuid().ToString("N");
    private readonly FieldErrors _errors = new();
    private readonly List<LabelDraft> _labels = [];
    private List<DatasetDto>? _datasets;
    private List<DatasetVersionDto> _versions = [];
    private Guid? _datasetId;
    private int? _version;
    private AnnotationKind _kind;
    private string _name = "";
    private string _instructions = "";
    private int? _batchSize;
    private int _overlap = MinOverlap;
    private bool _advanced;
    private bool _saving;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;
    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }

    private DatasetVersionDto? Version => _versions.FirstOrDefault(v => v.Number == _version);
    private IReadOnlyList<AnnotationKind> Kinds => Version is { } v ? AnnotationText.KindsFor(v.Kind) : [];

    private string? KindHelp => Version?.Kind == DatasetKind.ImageClassification
        ? "Images with one class each can also get boxes drawn around their objects."
        : null;

    /// <summary>The fold's title names what it holds, and the overlap when it is not the default, so a folded choice still shows.</summary>
    private string AdvancedTitle => _overlap > MinOverlap ? $"Advanced: batch size, overlap (each item by {_overlap} people)" : "Advanced: batch size, overlap";

    protected override async Task OnInitializedAsync()
    {
        await Feedback.TryAsync(async () =>
            _datasets = [.. (await Api.ListDatasetsAsync(WorkspaceId, limit: Paging.MaxLimit)).Items
                .Where(d => d.LatestVersion is not null && d.Kind != DatasetKind.Table)]);
        _datasets ??= [];
        if (_datasets.FirstOrDefault() is { } first) await ChooseDatasetAsync(first.Id);
    }

    private async Task ChooseDatasetAsync(Guid? id)
    {
        _datasetId = id;
        _errors.Clear(DatasetId);
        _versions = [];
        ChooseVersion(null);
        if (id is not { } datasetId) return;
        await Feedback.TryAsync(async () =>
        {
            var page = await Api.ListVersionsAsync(WorkspaceId, datasetId, limit: Paging.MaxLimit);
            if (_datasetId != datasetId) return;
            _versions = [.. page.Items.Where(v => AnnotationText.KindsFor(v.Kind).Count > 0).OrderByDescending(v => v.Number)];
            ChooseVersion(_versions.FirstOrDefault()?.Number);
        });
    }

    /// <summary>A version sets the kind (what it holds) and replaces the labels taken from the previous version's classes.</summary>
    private void ChooseVersion(int? number)
    {
        _version = number;
        _errors.Clear(VersionNumber);
        _labels.RemoveAll(l => l.Locked);
        if (Version is not { } v) return;
        _kind = AnnotationText.KindsFor(v.Kind)[0];
        var added = _labels.Where(l => !v.Classes.Contains(l.Name.Trim(), StringComparer.OrdinalIgnoreCase)).ToList();
        _labels.Clear();
        _labels.AddRange(v.Classes.Select(c => LabelDraft.New(c, locked: true)));
        _labels.AddRange(added);
    }

    private void SetOverlap(int overlap)
    {
        _overlap = overlap;
        _errors.Clear(Overlap);
    }

    private void Cancel() => Dialog.Cancel();
}
