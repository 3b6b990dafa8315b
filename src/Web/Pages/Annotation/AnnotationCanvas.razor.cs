using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Platform.Contracts;

namespace Platform.Web.Pages.Annotation;

/// <summary>
/// Hosts annotation-canvas.js: sends it what changed among the image, boxes, labels and current label after each render,
/// and raises <see cref="BoxesChanged"/> when the user finished drawing, moving, resizing or deleting a box.
/// </summary>
public partial class AnnotationCanvas
{
    public const string ModulePath = "./js/annotation-canvas.js";
    private ElementReference _canvas;
    private IJSObjectReference? _module;
    private DotNetObjectReference<AnnotationCanvas>? _self;
    private Guid? _sentTask;
    private string? _sentImage;
    private IReadOnlyList<AnnotationBoxDto>? _sentBoxes;
    private IReadOnlyList<AnnotationLabelDto>? _sentLabels;
    private int? _sentLabel;

    [Inject] private IJSRuntime JS { get; set; } = default!;
    /// <summary>The task shown: a new one gets its image and boxes sent even when they look the same.</summary>
    [Parameter, EditorRequired] public Guid TaskId { get; set; }
    [Parameter, EditorRequired] public string? ImageUrl { get; set; }
    [Parameter, EditorRequired] public IReadOnlyList<AnnotationBoxDto> Boxes { get; set; } = [];
    [Parameter, EditorRequired] public IReadOnlyList<AnnotationLabelDto> Labels { get; set; } = [];
    /// <summary>The label new boxes get.</summary>
    [Parameter] public int? LabelId { get; set; }
    [Parameter] public EventCallback<IReadOnlyList<AnnotationBoxDto>> BoxesChanged { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            _self = DotNetObjectReference.Create(this);
            await _module.InvokeVoidAsync("attach", _canvas, _self);
        }
        await SyncAsync();
    }

    private async Task SyncAsync()
    {
        if (_module is null) return;
        var newTask = TaskId != _sentTask;
        _sentTask = TaskId;
        if (!ReferenceEquals(Labels, _sentLabels))
        {
            _sentLabels = Labels;
            await _module.InvokeVoidAsync("setLabels", Labels.Select(l =>
            {
                var color = AnnotationText.ColorOf(l);
                return new { id = l.Id, name = l.Name, color, text = AnnotationText.TextOn(color) };
            }));
        }
        if (LabelId != _sentLabel)
        {
            _sentLabel = LabelId;
            await _module.InvokeVoidAsync("setLabel", LabelId);
        }
        if (newTask || ImageUrl != _sentImage)
        {
            _sentImage = ImageUrl;
            await _module.InvokeVoidAsync("setImage", ImageUrl);
        }
        if (newTask || !ReferenceEquals(Boxes, _sentBoxes))
        {
            _sentBoxes = Boxes;
            await _module.InvokeVoidAsync("setBoxes", Boxes);
        }
    }

    /// <summary>Gives the selected box <paramref name="labelId"/>; false when no box is selected.</summary>
    public async Task<bool> RelabelSelectedAsync(int labelId) =>
        _module is not null && await _module.InvokeAsync<bool>("relabelSelected", labelId);

    [JSInvokable]
    public Task OnBoxesChanged(AnnotationBoxDto[] boxes)
    {
        _sentBoxes = boxes;
        return BoxesChanged.InvokeAsync(boxes);
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("detach");
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException) { }
            catch (JSException) { }
        }
        _self?.Dispose();
        GC.SuppressFinalize(this);
    }
}
