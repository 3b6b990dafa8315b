using Microsoft.JSInterop;
using Platform.Contracts;

namespace Platform.Web.Pages.Annotation;

/// <summary>Accepting, rejecting and correcting the selected task, and the review keys (portal.js): a, r, j/↓, k/↑, 1–9 and 0.</summary>
public partial class ReviewPage
{
    private static readonly string[] Keys = ["a", "r", "j", "k", "ArrowDown", "ArrowUp", "1", "2", "3", "4", "5", "6", "7", "8", "9", "0"];
    private DotNetObjectReference<ReviewPage>? _self;
    private int? _keysId;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_keysId is not null || _project is null) return;
        _self ??= DotNetObjectReference.Create(this);
        _keysId = await JS.InvokeAsync<int>("platformPortal.listenKeys", _self, Keys, new { ignoreInDialog = true });
    }

    [JSInvokable]
    public async Task OnShortcut(string key)
    {
        if (_rejecting || _reviewing) return;
        switch (key)
        {
            case "a": await AcceptAsync(); break;
            case "r": StartReject(); break;
            case "j" or "ArrowDown": await SelectAsync(_selected + 1); break;
            case "k" or "ArrowUp": await SelectAsync(_selected - 1); break;
            default:
                if (_project?.Kind != AnnotationKind.ObjectDetection && _project?.Labels.FirstOrDefault(l => l.Hotkey == key) is { } label) await FixAsync(label);
                break;
        }
        StateHasChanged();
    }

    /// <summary>Selects the task at <paramref name="index"/>, reading the next page when it is just past the end.</summary>
    private async Task SelectAsync(int index)
    {
        if (index >= _tasks.Count && _next is not null) await LoadMoreAsync();
        if (index < 0 || index >= _tasks.Count) return;
        _selected = index;
        _rejecting = false;
    }

    private Task AcceptAsync() => ReviewAsync(new ReviewAnnotationRequest(ReviewDecision.Accept));

    private Task FixAsync(AnnotationLabelDto label) => Current?.LabelId == label.Id
        ? AcceptAsync()
        : ReviewAsync(new ReviewAnnotationRequest(ReviewDecision.Accept, Fix: new SaveAnnotationRequest(LabelId: label.Id)));

    private void StartReject()
    {
        if (Current is not null && CanReview) _rejecting = true;
    }

    private void CancelReject() => _rejecting = false;

    private Task RejectAsync(string comment) => ReviewAsync(new ReviewAnnotationRequest(ReviewDecision.Reject, comment));

    /// <summary>Sends the decision; the task leaves the list when it no longer has the state shown, and the next one is selected.</summary>
    private async Task ReviewAsync(ReviewAnnotationRequest request)
    {
        if (Workspace is not { } ws || Current is not { } task || _reviewing || !CanReview) return;
        _reviewing = true;
        await Feedback.TryAsync(async () =>
        {
            var reviewed = await Api.ReviewAnnotationAsync(ws.Id, Id, task.Id, request, _cts.Token);
            var index = _tasks.FindIndex(t => t.Id == task.Id);
            if (index < 0) return;
            if (reviewed.State == _filter) _tasks[index] = reviewed;
            else _tasks.RemoveAt(index);
            _rejecting = false;
            var next = reviewed.State == _filter ? index + 1 : index;
            if (next >= _tasks.Count && _next is not null) await LoadMoreAsync();
            _selected = Math.Min(next, Math.Max(0, _tasks.Count - 1));
        });
        _reviewing = false;
        StateHasChanged();
    }

    private async Task UnlistenAsync(int id)
    {
        try { await JS.InvokeVoidAsync("platformPortal.unlisten", id); }
        catch (JSDisconnectedException) { }
        catch (JSException) { }
        _self?.Dispose();
    }
}
