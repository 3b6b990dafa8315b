namespace Platform.Api.Annotation;

/// <summary>The limits a project's settings share between creating it, changing it and asking for a batch.</summary>
public static class AnnotationChecks
{
    public static Validation Instructions(this Validation validation, string? instructions) =>
        instructions?.Length > AnnotationProject.MaxInstructionsLength
            ? validation.Add("instructions", $"Instructions must be at most {AnnotationProject.MaxInstructionsLength:N0} characters.")
            : validation;

    public static Validation BatchSize(this Validation validation, int? size, string field = "batchSize") =>
        size is < 1 or > AnnotationProject.MaxBatchSize ? validation.Add(field, $"A batch holds 1 to {AnnotationProject.MaxBatchSize} items.") : validation;
}
