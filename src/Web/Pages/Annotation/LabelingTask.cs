using Platform.Contracts;

namespace Platform.Web.Pages.Annotation;

/// <summary>What a task shows: the class (classification) or the boxes (detection).</summary>
public sealed record AnnotationSnapshot(int? LabelId, IReadOnlyList<AnnotationBoxDto> Boxes)
{
    public static AnnotationSnapshot Of(AnnotationTaskDto task) => new(task.LabelId, task.Boxes);

    public bool SameAs(AnnotationSnapshot other) => LabelId == other.LabelId && Boxes.SequenceEqual(other.Boxes);
}

/// <summary>One task of the session: the server's latest answer, what is shown, and this item's undo and redo steps.</summary>
public sealed class LabelingTask(AnnotationTaskDto task)
{
    private readonly Stack<AnnotationSnapshot> _undo = new();
    private readonly Stack<AnnotationSnapshot> _redo = new();

    public AnnotationTaskDto Task { get; set; } = task;
    /// <summary>The reviewer's rejection the task came back with (its comment stays in view after the fix is saved).</summary>
    public AnnotationTaskDto? Rejection { get; } = task.State == AnnotationTaskState.Rejected ? task : null;
    public AnnotationSnapshot Shown { get; private set; } = AnnotationSnapshot.Of(task);
    /// <summary>Saved (or being saved) by this session: going back to it re-saves the annotator's own work.</summary>
    public bool Touched { get; set; }
    /// <summary>The server gave the task to someone else (409); its message.</summary>
    public string? Lost { get; set; }
    /// <summary>
    /// The model's suggested label while the item is open and nobody chose a label for it in this session (Enter accepts
    /// it); null otherwise.
    /// </summary>
    public int? PendingSuggestion => Task.State == AnnotationTaskState.Open && !Touched && Shown.LabelId is null ? Task.SuggestedLabelId : null;
    public bool CanUndo => _undo.Count > 0;
    public bool CanRedo => _redo.Count > 0;

    /// <summary>Shows <paramref name="next"/>; false when nothing changed.</summary>
    public bool Apply(AnnotationSnapshot next)
    {
        if (next.SameAs(Shown)) return false;
        _undo.Push(Shown);
        _redo.Clear();
        Shown = next;
        return true;
    }

    public bool Undo() => Step(_undo, _redo);

    public bool Redo() => Step(_redo, _undo);

    private bool Step(Stack<AnnotationSnapshot> from, Stack<AnnotationSnapshot> to)
    {
        if (!from.TryPop(out var snapshot)) return false;
        to.Push(Shown);
        Shown = snapshot;
        return true;
    }
}
