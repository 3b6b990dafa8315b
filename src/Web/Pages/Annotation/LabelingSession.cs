using Platform.Contracts;

namespace Platform.Web.Pages.Annotation;

/// <summary>A place in the session's history: which task, from which batch, at which position of it.</summary>
public sealed record LabelingVisit(Guid TaskId, int Batch, int Position, int BatchSize);

/// <summary>
/// The tasks one labeling session went through, batch after batch, in order: ← walks back through all of them (the
/// server lets annotators re-save their own work), → and Enter walk forward; the last step of a batch asks for the next.
/// </summary>
public sealed class LabelingSession
{
    private readonly List<LabelingVisit> _visits = [];
    private readonly Dictionary<Guid, LabelingTask> _tasks = [];

    public int Index { get; private set; } = -1;
    public int Batches { get; private set; }
    public LabelingVisit? Visit => Index >= 0 && Index < _visits.Count ? _visits[Index] : null;
    public LabelingTask? Current => Visit is { } v ? _tasks[v.TaskId] : null;
    public bool CanGoBack => Index > 0;
    public bool AtEnd => Index >= _visits.Count - 1;

    /// <summary>Appends a batch and moves to its first task; false (and nothing changes) when it is empty.</summary>
    public bool AddBatch(IReadOnlyList<AnnotationTaskDto> tasks)
    {
        if (tasks.Count == 0) return false;
        Batches++;
        for (var i = 0; i < tasks.Count; i++)
        {
            var task = tasks[i];
            // A task seen before keeps its undo steps, unless someone changed it since (a review sent it back again).
            if (_tasks.TryGetValue(task.Id, out var known) && known.Task.Revision >= task.Revision && known.Lost is null) known.Task = task;
            else _tasks[task.Id] = new LabelingTask(task);
            _visits.Add(new LabelingVisit(task.Id, Batches, i + 1, tasks.Count));
        }
        Index = _visits.Count - tasks.Count;
        return true;
    }

    public bool Back()
    {
        if (!CanGoBack) return false;
        Index--;
        return true;
    }

    public bool Forward()
    {
        if (AtEnd) return false;
        Index++;
        return true;
    }

    /// <summary>Moves past the end (after the last batch): the screen shows "all done" or asks for more.</summary>
    public void Finish() => Index = _visits.Count;

    public LabelingTask? Find(Guid taskId) => _tasks.GetValueOrDefault(taskId);

    /// <summary>The tasks after the current one, for prefetching their images.</summary>
    public IEnumerable<LabelingTask> Upcoming(int count) =>
        _visits.Skip(Math.Max(0, Index + 1)).Take(count).Select(v => _tasks[v.TaskId]);

    /// <summary>The task visited before the current one that has boxes (what "c" copies), or null.</summary>
    public LabelingTask? PreviousWithBoxes()
    {
        for (var i = Math.Min(Index, _visits.Count) - 1; i >= 0; i--)
            if (_tasks[_visits[i].TaskId] is { Shown.Boxes.Count: > 0 } task && task != Current) return task;
        return null;
    }
}
