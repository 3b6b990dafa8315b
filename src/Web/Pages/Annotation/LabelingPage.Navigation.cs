using Platform.Contracts;

namespace Platform.Web.Pages.Annotation;

/// <summary>Moving through the session: Enter (done, or accept the suggestion), → (skip), ← (back), and leasing the next batch after the last item.</summary>
public partial class LabelingPage
{
    /// <summary>Leases the next batch once this session's saves have landed (so they are not handed out again).</summary>
    private async Task FetchBatchAsync()
    {
        if (Workspace is not { } ws || _project is null || _fetching || !CanLabel) return;
        _fetching = true;
        StateHasChanged();
        try
        {
            var waited = TimeSpan.Zero;
            while (_saver.Busy && waited < SaveWait)
            {
                await Task.Delay(50, _cts.Token);
                waited += TimeSpan.FromMilliseconds(50);
            }
            var tasks = await Api.NextAnnotationTasksAsync(ws.Id, Id, new NextAnnotationTasksRequest(), _cts.Token);
            if (tasks.Count > 0) _holding = (ws.Id, Id);
            _allDone = !_session.AddBatch(tasks.Where(IsWork).ToList());
            if (_allDone) _session.Finish();
            // The progress also moves without live events (the connection may be down): read it with each batch.
            _project = await Api.GetAnnotationProjectAsync(ws.Id, Id, _cts.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Feedback.ErrorAsync(ex);
        }
        catch (OperationCanceledException) { }
        finally
        {
            _fetching = false;
        }
        await FocusStageAsync();
    }

    /// <summary>
    /// Whether a task the server handed out is still work for this session. The server hands out only open tasks the
    /// caller holds and their rejected ones, so this is a safeguard: not what this session saved already, nor one it lost
    /// to someone else, unless that changed since.
    /// </summary>
    private bool IsWork(AnnotationTaskDto task) => _session.Find(task.Id) is not { } known
        || (known.Lost is null
            ? !(known.Touched && task.State is AnnotationTaskState.Annotated or AnnotationTaskState.Accepted)
            : task.Revision > known.Task.Revision);

    /// <summary>
    /// Enter: accepts the model's suggestion of an open item, or saves what is shown if this session did not yet
    /// (confirming an item as it is), then moves on.
    /// </summary>
    private async Task DoneAsync()
    {
        if (_session.Current is { } task && task.Lost is null && !task.Touched
            && task.Task.State is AnnotationTaskState.Open or AnnotationTaskState.Rejected)
        {
            if (SuggestedLabel(task) is { } suggested) task.Apply(task.Shown with { LabelId = suggested.Id });
            if (_project?.Kind == AnnotationKind.ObjectDetection || task.Shown.LabelId is not null) _saver.Save(task);
        }
        await NextAsync();
    }

    /// <summary>The label the model suggests for <paramref name="task"/> while Enter would accept it (classification only).</summary>
    private AnnotationLabelDto? SuggestedLabel(LabelingTask task) =>
        _project is { Kind: not AnnotationKind.ObjectDetection } p && task.PendingSuggestion is { } id ? p.Labels.FirstOrDefault(l => l.Id == id) : null;

    /// <summary>→: the next item without saving; past the batch's last one, the next batch.</summary>
    private async Task NextAsync()
    {
        if (_session.Forward()) await FocusStageAsync();
        else if (!_fetching) await FetchBatchAsync();
    }

    private async Task BackAsync()
    {
        if (_session.Current is null && _session.Index > 0)
        {
            _session.Back();
            _allDone = false;
        }
        else if (!_session.Back()) return;
        await FocusStageAsync();
    }
}
