using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Pages.Registry;
using Platform.Web.Components;
using Platform.Web.Services;

namespace Platform.Web.Pages.Annotation;

/// <summary>
/// Picks a registered model and version that takes the project's items (images or texts to classify), starts the
/// pre-labeling operation and follows it. Models whose newest version fits come first; versions that take other input
/// are listed but cannot be chosen.
/// </summary>
public partial class PrelabelDialog
{
    private readonly string _formId = "prelabel-form-" + Guid.NewGuid().ToString("N");
    private List<RegisteredModelDto>? _models;
    private List<ModelVersionDto> _versions = [];
    private Guid? _modelId;
    private int? _version;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;
    private OperationLaunch Launch => _launch ??= new(Feedback);
    private OperationLaunch? _launch;
    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }
    [Parameter, EditorRequired] public AnnotationProjectDto Project { get; set; } = default!;

    private DatasetKind? Input => AnnotationText.PrelabelInput(Project.Kind);
    private bool CanStart => !Launch.Starting && _modelId is not null && _versions.FirstOrDefault(v => v.Number == _version) is { } v && Fits(v);

    private string VersionHelp => _modelId is null || _versions.Count == 0 || _versions.Any(Fits)
        ? $"Only versions trained on {InputText(Input)} can pre-label this project."
        : $"No version of this model was trained on {InputText(Input)}; choose another model.";

    protected override async Task OnInitializedAsync()
    {
        await Feedback.TryAsync(async () =>
        {
            var page = await Api.ListModelsAsync(WorkspaceId, limit: Paging.MaxLimit);
            _models = [.. page.Items.Where(m => m.VersionCount > 0).OrderBy(m => Fits(m.LatestVersion) ? 0 : 1).ThenBy(m => m.Name, StringComparer.OrdinalIgnoreCase)];
        });
        _models ??= [];
        if (_models.FirstOrDefault() is { } first) await ChooseModelAsync(first.Id);
    }

    private async Task ChooseModelAsync(Guid? id)
    {
        _modelId = id;
        Launch.Error = null;
        _versions = [];
        _version = null;
        if (id is not { } modelId) return;
        await Feedback.TryAsync(async () =>
        {
            var page = await Api.ListModelVersionsAsync(WorkspaceId, modelId, limit: Paging.MaxLimit);
            if (_modelId != modelId) return;
            _versions = [.. page.Items.OrderByDescending(v => v.Number)];
            _version = (_versions.FirstOrDefault(v => Fits(v) && v.Aliases.Contains("production")) ?? _versions.FirstOrDefault(Fits))?.Number;
        });
    }

    private bool Fits(ModelVersionDto? version) => version is not null && Input is { } input && TrainingTemplates.Find(version.Template)?.Kind == input;

    private string VersionText(ModelVersionDto v)
    {
        var text = $"v{v.Number} · {ModelFormat.Score(v)}";
        if (v.Aliases.Count > 0) text += " · " + string.Join(", ", v.Aliases);
        if (!Fits(v)) text += $" · takes {InputText(TrainingTemplates.Find(v.Template)?.Kind)}";
        return text;
    }

    private static string InputText(DatasetKind? kind) => kind switch
    {
        DatasetKind.ImageClassification => "images",
        DatasetKind.TextClassification => "texts",
        DatasetKind.Table => "tables",
        _ => "other input",
    };

    private async Task StartAsync()
    {
        if (!CanStart) return;
        await Launch.StartAsync(() => Api.PrelabelAnnotationProjectAsync(WorkspaceId, Project.Id, new PrelabelRequest(_modelId!.Value, _version!.Value)));
    }

    private void Finished(OperationDto op)
    {
        Launch.Finished(op, "Pre-labeling");
    }
}
