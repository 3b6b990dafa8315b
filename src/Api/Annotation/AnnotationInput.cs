namespace Platform.Api.Annotation;

/// <summary>Checks an annotation against the project's schema and the item's image before anything is written.</summary>
public static class AnnotationInput
{
    /// <summary>Boxes may reach a hair past the edge (rounding in the browser); further out is refused.</summary>
    private const double EdgeTolerance = 0.5;

    public static Validation Check(AnnotationProject project, SaveAnnotationRequest request, int? width, int? height, string prefix = "")
    {
        var validation = new Validation();
        var labels = project.Labels.Select(l => l.Id).ToHashSet();
        if (!project.IsDetection)
        {
            if (request.Boxes is not null) validation.Add(prefix + "boxes", "This project classifies items; send a labelId, not boxes.");
            if (request.LabelId is not { } id) validation.Add(prefix + "labelId", "Pick a label.");
            else if (!labels.Contains(id)) validation.Add(prefix + "labelId", $"The project has no label with id {id}.");
            return validation;
        }
        if (request.LabelId is not null) validation.Add(prefix + "labelId", "This project draws boxes; send boxes (an empty list for an image with no objects).");
        if (request.Boxes is not { } boxes) return validation.Add(prefix + "boxes", "Send the image's boxes (an empty list for an image with no objects).");
        if (boxes.Count > AnnotationTask.MaxBoxes) return validation.Add(prefix + "boxes", $"An image holds at most {AnnotationTask.MaxBoxes:N0} boxes.");
        for (var i = 0; i < boxes.Count; i++)
        {
            var box = boxes[i];
            var field = $"{prefix}boxes[{i}]";
            if (!labels.Contains(box.LabelId)) validation.Add(field + ".labelId", $"The project has no label with id {box.LabelId}.");
            if (!new[] { box.X, box.Y, box.Width, box.Height }.All(double.IsFinite))
                validation.Add(field, "A box's position and size are finite numbers.");
            else if (box.Width <= 0 || box.Height <= 0) validation.Add(field, "A box has a positive width and height.");
            else if (box.X < -EdgeTolerance || box.Y < -EdgeTolerance
                     || (width is { } w && box.X + box.Width > w + EdgeTolerance) || (height is { } h && box.Y + box.Height > h + EdgeTolerance))
                validation.Add(field, $"The box lies outside the image ({width}×{height} pixels).");
        }
        return validation;
    }
}
