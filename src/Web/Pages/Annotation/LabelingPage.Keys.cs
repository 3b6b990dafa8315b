using Microsoft.JSInterop;
using MudBlazor;
using Platform.Contracts;

namespace Platform.Web.Pages.Annotation;

/// <summary>
/// The labeling screen's keys. annotation-canvas.js listens on the whole document (so they work at once, without a click,
/// wherever the focus is, except in text fields and dialogs) and calls <see cref="OnKey"/>; the canvas itself handles
/// Delete, Escape, Space and F. After each move the item's stage takes the focus, for screen readers and scrolling.
/// </summary>
public partial class LabelingPage
{
    private DotNetObjectReference<LabelingPage>? _self;
    private IJSObjectReference? _module;
    private int? _keysId;
    private bool _focusStage;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_keysId is null && _project is not null)
        {
            _self ??= DotNetObjectReference.Create(this);
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", AnnotationCanvas.ModulePath);
            _keysId = await _module.InvokeAsync<int>("listenKeys", _self);
        }
        if (_focusStage && _session.Current is not null)
        {
            _focusStage = false;
            await JS.InvokeVoidAsync("platformPortal.focus", "[data-testid=labeling-stage]");
        }
    }

    private Task FocusStageAsync()
    {
        _focusStage = true;
        return Task.CompletedTask;
    }

    [JSInvokable]
    public async Task OnKey(string key)
    {
        if (_project is not { } project) return;
        switch (key)
        {
            case "?": await ShowShortcutsAsync(); return;
            case "ArrowLeft": await BackAsync(); break;
            case "ArrowRight" when _session.Current is not null: await NextAsync(); break;
            case "Enter" when _session.Current is not null: await DoneAsync(); break;
            case "undo": await UndoAsync(); break;
            case "redo": await RedoAsync(); break;
            case "c": await CopyPreviousAsync(); break;
            case "n": await NoObjectsAsync(); break;
            default:
                if (LabelForKey(project, key) is { } label) await PickAsync(label);
                break;
        }
        StateHasChanged();
    }

    /// <summary>The label whose hotkey is <paramref name="key"/>; a label without one answers to its position (1–9, 0).</summary>
    private static AnnotationLabelDto? LabelForKey(AnnotationProjectDto project, string key)
    {
        if (project.Labels.FirstOrDefault(l => l.Hotkey == key) is { } label) return label;
        var index = key == "0" ? 9 : key[0] - '1';
        return index >= 0 && index < project.Labels.Count && project.Labels[index].Hotkey is null ? project.Labels[index] : null;
    }

    private async Task ShowShortcutsAsync()
    {
        var parameters = new DialogParameters<ShortcutSheetDialog> { { d => d.Kind, _project?.Kind ?? AnnotationKind.ImageClassification } };
        var dialog = await Dialogs.ShowAsync<ShortcutSheetDialog>("Keyboard shortcuts", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        await dialog.Result;
        await FocusStageAsync();
        StateHasChanged();
    }

    private async Task UnlistenAsync(int id)
    {
        try
        {
            if (_module is not null)
            {
                await _module.InvokeVoidAsync("unlistenKeys", id);
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException) { }
        catch (JSException) { }
        _self?.Dispose();
    }
}
