using System.Net;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Annotation;

public enum SaveState { Idle, Saving, Saved, Failed }

/// <summary>
/// Autosave: one save at a time, and for a task changed again while its save was on the way only the newest state is
/// sent next. A 409 (the lease went to someone else) is reported once per task and not retried. Runs on the renderer's
/// thread; <see cref="Changed"/> asks the page to redraw.
/// </summary>
public sealed class AnnotationSaver(PlatformClient api, Guid workspaceId, Guid projectId, AnnotationKind kind)
{
    private readonly Dictionary<Guid, (LabelingTask Task, AnnotationSnapshot Snapshot)> _pending = [];
    private readonly Dictionary<Guid, LabelingTask> _failed = [];
    private bool _running;

    public SaveState State { get; private set; }
    public DateTimeOffset? SavedAt { get; private set; }
    public string? Error { get; private set; }
    public bool Busy => _running || _pending.Count > 0;

    public event Action? Changed;
    /// <summary>The task went to someone else: the server's message.</summary>
    public event Action<LabelingTask, string>? Conflict;
    /// <summary>A save failed for another reason (the page signs out on 401); <see cref="Retry"/> sends the failed ones again.</summary>
    public event Action<Exception>? Failed;

    public void Save(LabelingTask task)
    {
        task.Touched = true;
        _pending[task.Task.Id] = (task, task.Shown);
        if (!_running) _ = RunAsync();
    }

    public void Retry()
    {
        foreach (var task in _failed.Values.ToList()) Save(task);
    }

    private SaveAnnotationRequest RequestFor(AnnotationSnapshot snapshot) => kind == AnnotationKind.ObjectDetection
        ? new SaveAnnotationRequest(Boxes: snapshot.Boxes)
        : new SaveAnnotationRequest(LabelId: snapshot.LabelId);

    private async Task RunAsync()
    {
        _running = true;
        try
        {
            while (_pending.Count > 0)
            {
                var (id, (task, snapshot)) = _pending.First();
                _pending.Remove(id);
                State = SaveState.Saving;
                Changed?.Invoke();
                await SendAsync(task, snapshot);
            }
        }
        finally
        {
            _running = false;
            Changed?.Invoke();
        }
    }

    private async Task SendAsync(LabelingTask task, AnnotationSnapshot snapshot)
    {
        try
        {
            task.Task = await api.SaveAnnotationAsync(workspaceId, projectId, task.Task.Id, RequestFor(snapshot));
            _failed.Remove(task.Task.Id);
            State = SaveState.Saved;
            SavedAt = DateTimeOffset.Now;
            Error = null;
        }
        catch (PlatformApiException ex) when (ex.Status == HttpStatusCode.Conflict)
        {
            _pending.Remove(task.Task.Id);
            _failed.Remove(task.Task.Id);
            task.Lost = ex.UserMessage;
            State = SaveState.Failed;
            Error = ex.UserMessage;
            Conflict?.Invoke(task, ex.UserMessage);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || ex.InnerException is TimeoutException)
        {
            _failed[task.Task.Id] = task;
            State = SaveState.Failed;
            Error = "Not saved: " + Feedback.MessageFor(ex);
            Failed?.Invoke(ex);
        }
    }
}
