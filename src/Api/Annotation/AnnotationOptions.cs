namespace Platform.Api.Annotation;

/// <summary>Platform:Annotation settings.</summary>
public sealed class AnnotationOptions
{
    public const string Section = "Platform:Annotation";

    /// <summary>How long a handed-out task stays with its annotator without a save before someone else may take it.</summary>
    public int LeaseSeconds { get; set; } = 900;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
}
