using Platform.Contracts;

namespace Platform.Web.Pages.Annotation;

/// <summary>Changes to the current item — a label, boxes, undo/redo, copy, no objects — each saved at once; and what a 409 does.</summary>
public partial class LabelingPage
{
    private async Task PickAsync(AnnotationLabelDto label)
    {
        if (_session.Current is not { } task || _project is not { } p) return;
        if (p.Kind == AnnotationKind.ObjectDetection)
        {
            _drawLabel = label.Id;
            if (_canvas is not null) await _canvas.RelabelSelectedAsync(label.Id);
            return;
        }
        if (!CanChange(task)) return;
        // Choosing the label already shown still saves it when this session has not (it confirms the item).
        if (task.Apply(task.Shown with { LabelId = label.Id }) || !task.Touched) _saver.Save(task);
        if (_autoAdvance) await NextAsync();
    }

    private void ApplyBoxes(IReadOnlyList<AnnotationBoxDto> boxes)
    {
        if (_session.Current is not { } task || !CanChange(task)) return; // the canvas gets the task's boxes back on the next render
        if (task.Apply(task.Shown with { Boxes = boxes })) _saver.Save(task);
    }

    private Task UndoAsync() => StepAsync(t => t.Undo());

    private Task RedoAsync() => StepAsync(t => t.Redo());

    private Task StepAsync(Func<LabelingTask, bool> step)
    {
        if (_session.Current is { } task && CanChange(task) && step(task)) _saver.Save(task);
        return Task.CompletedTask;
    }

    /// <summary>"c": adds the boxes of the nearest earlier image that has some (clamped to this image), skipping exact repeats.</summary>
    private Task CopyPreviousAsync()
    {
        if (_project?.Kind != AnnotationKind.ObjectDetection || _session.Current is not { } task || !CanChange(task)) return Task.CompletedTask;
        if (_session.PreviousWithBoxes() is not { } previous)
        {
            Feedback.Info("No earlier image of this session has boxes to copy.");
            return Task.CompletedTask;
        }
        var copies = previous.Shown.Boxes.Select(b => Clamp(b, task.Task)).Where(b => b.Width > 0 && b.Height > 0 && !task.Shown.Boxes.Contains(b));
        if (task.Apply(task.Shown with { Boxes = [.. task.Shown.Boxes, .. copies] })) _saver.Save(task);
        return Task.CompletedTask;
    }

    /// <summary>"n": the image has no objects: every box goes, and the empty list is saved.</summary>
    private Task NoObjectsAsync()
    {
        if (_project?.Kind != AnnotationKind.ObjectDetection || _session.Current is not { } task || !CanChange(task)) return Task.CompletedTask;
        if (task.Apply(task.Shown with { Boxes = [] }) || !task.Touched) _saver.Save(task);
        return Task.CompletedTask;
    }

    private static AnnotationBoxDto Clamp(AnnotationBoxDto box, AnnotationTaskDto task)
    {
        if (task.Width is not { } w || task.Height is not { } h) return box;
        var x = Math.Clamp(box.X, 0, w);
        var y = Math.Clamp(box.Y, 0, h);
        return box with { X = x, Y = y, Width = Math.Min(box.Width, w - x), Height = Math.Min(box.Height, h - y) };
    }

    /// <summary>A task another annotator took over cannot change any more.</summary>
    private bool CanChange(LabelingTask task)
    {
        if (task.Lost is null) return true;
        Feedback.Error(task.Lost);
        return false;
    }

    private void OnConflict(LabelingTask task, string message) => _ = InvokeAsync(async () =>
    {
        Feedback.Error(message);
        if (_session.Current == task) await NextAsync();
        StateHasChanged();
    });

    private void OnSaveFailed(Exception ex)
    {
        if (ex is PlatformApiException { Status: System.Net.HttpStatusCode.Unauthorized }) _ = InvokeAsync(() => Feedback.ErrorAsync(ex));
    }
}
