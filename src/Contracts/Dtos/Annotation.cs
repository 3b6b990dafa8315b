namespace Platform.Contracts;

/// <summary>What annotators do in a project: pick one class per image, draw boxes, or pick one class per text.</summary>
public enum AnnotationKind { ImageClassification, ObjectDetection, TextClassification }

/// <summary>
/// Open: not annotated yet. Annotated: saved by an annotator (or taken from the version), not reviewed. Accepted and
/// Rejected: reviewed; a rejected task goes back to its annotator with the reviewer's comment.
/// </summary>
public enum AnnotationTaskState { Open, Annotated, Accepted, Rejected }

public enum ReviewDecision { Accept, Reject }

/// <summary>The order open tasks are handed out in: item order, or the model's least confident suggestions first (active learning).</summary>
public enum AnnotationQueueOrder { ItemOrder, LeastConfidentFirst }

/// <summary>A label of a project's schema. Its id stays when it is renamed; <paramref name="Hotkey"/> is "1"–"9" or "0".</summary>
public sealed record AnnotationLabelDto(int Id, string Name, string Color, string? Hotkey);

public sealed record AnnotationProgressDto(int Total, int Open, int Annotated, int Accepted, int Rejected)
{
    public int Done => Annotated + Accepted;
}

/// <summary>
/// An annotation project over one dataset version. <paramref name="LastVersionNumber"/> is the newest dataset version made
/// from it (see finish).
/// </summary>
public sealed record AnnotationProjectDto(
    Guid Id, Guid WorkspaceId, string Name, AnnotationKind Kind, Guid DatasetId, string DatasetName, int VersionNumber,
    IReadOnlyList<AnnotationLabelDto> Labels, string Instructions, int BatchSize, AnnotationProgressDto Progress,
    string? CreatedByEmail, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int? LastVersionNumber,
    AnnotationSuggestionsDto? Suggestions = null, AnnotationQueueOrder QueueOrder = AnnotationQueueOrder.ItemOrder, int Overlap = 1,
    Guid? RetrainRunId = null);

/// <summary>
/// Trains a new model on what is labeled so far: a new dataset version from the labels (unreviewed ones included), a
/// training run on it in the experiment "Annotation · {project}" (which registers each run's model under the
/// project's name), and, when the run succeeds, pre-labeling of the open items with that model.
/// <paramref name="TimeBudgetMinutes"/> defaults to 5.
/// </summary>
public sealed record RetrainRequest(double? TimeBudgetMinutes = null, TrainingSettingsDto? Settings = null);

/// <summary>
/// Pre-labeling: which model suggested labels, for how many tasks, and how many annotators saved unchanged
/// (<paramref name="Taken"/>) of the <paramref name="Decided"/> suggested tasks they have annotated since.
/// </summary>
public sealed record AnnotationSuggestionsDto(string Source, int Suggested, int Decided, int Taken);

/// <summary>Suggests a label for every open task with a registered model version (image or text classification).</summary>
public sealed record PrelabelRequest(Guid ModelId, int Version);

/// <summary>A label to create (no <paramref name="Id"/>) or keep, possibly renamed or recolored (with the label's id).</summary>
public sealed record AnnotationLabelInput(string Name, string? Color = null, string? Hotkey = null, int? Id = null);

/// <summary>
/// Creates a project on a dataset version. The version's classes always join the schema, and its labels and boxes
/// start as annotations. <paramref name="Kind"/> defaults to what the version holds (an image classification version
/// may be annotated with boxes instead). <paramref name="Overlap"/> (1 to 5, default 1) is how many different people
/// label each item: one task per item and person, for agreement figures.
/// </summary>
public sealed record CreateAnnotationProjectRequest(
    string Name, Guid DatasetId, int VersionNumber, IReadOnlyList<AnnotationLabelInput>? Labels = null, string? Instructions = null,
    AnnotationKind? Kind = null, int? BatchSize = null, int? Overlap = null);

/// <summary>
/// Changes a project; null leaves a field as it is. <paramref name="Labels"/> is the whole new schema: a label left out
/// is removed, which is refused (409) while annotations use it unless <paramref name="RemoveAnnotationsOfRemovedLabels"/>.
/// </summary>
public sealed record UpdateAnnotationProjectRequest(
    string? Name = null, string? Instructions = null, IReadOnlyList<AnnotationLabelInput>? Labels = null, int? BatchSize = null,
    bool RemoveAnnotationsOfRemovedLabels = false, AnnotationQueueOrder? QueueOrder = null);

/// <summary>A box in the image's own pixels (top-left corner, width and height).</summary>
public sealed record AnnotationBoxDto(int LabelId, double X, double Y, double Width, double Height);

/// <summary>
/// One item of the project to annotate. <paramref name="ContentPath"/> (images) is relative to the server's address;
/// <paramref name="Text"/> holds a text item's text. <paramref name="Revision"/> grows with every save.
/// </summary>
public sealed record AnnotationTaskDto(
    Guid Id, Guid ProjectId, int Ordinal, Guid ItemId, string Path, AnnotationTaskState State, int? LabelId,
    IReadOnlyList<AnnotationBoxDto> Boxes, int? Width, int? Height, string? Text, string? ContentPath, bool FromVersion,
    string? AnnotatedByEmail, DateTimeOffset? AnnotatedAt, string? ReviewedByEmail, DateTimeOffset? ReviewedAt, string? ReviewComment,
    string? HeldByEmail, DateTimeOffset? LeaseExpiresAt, bool HeldByMe, int Revision,
    int? SuggestedLabelId = null, double? SuggestionConfidence = null);

/// <summary>Asks for the caller's next batch: what they hold already (rejected tasks first), topped up with open tasks.</summary>
public sealed record NextAnnotationTasksRequest(int? Count = null);

/// <summary>
/// Saves an annotation: <paramref name="LabelId"/> for classification, <paramref name="Boxes"/> for detection (an empty list
/// says "no objects"). Refused (409) when the caller no longer holds the task.
/// </summary>
public sealed record SaveAnnotationRequest(int? LabelId = null, IReadOnlyList<AnnotationBoxDto>? Boxes = null);

/// <summary>Accepts or rejects an annotated task; <paramref name="Fix"/> corrects it before accepting.</summary>
public sealed record ReviewAnnotationRequest(ReviewDecision Decision, string? Comment = null, SaveAnnotationRequest? Fix = null);

/// <summary>
/// One person's work in a project. <paramref name="PerHour"/> counts their saves over the last hour;
/// <paramref name="Accuracy"/> is accepted ÷ (accepted + rejected) of their reviewed items, null before any review.
/// </summary>
public sealed record AnnotatorStatsDto(
    Guid UserId, string Email, string DisplayName, int Annotated, int Accepted, int Rejected, int Holding, int PerHour, DateTimeOffset? LastAt,
    double? Accuracy = null);

/// <summary>
/// How much annotators agree on the items two or more of them labeled (a project with overlap). Classes: Fleiss' kappa
/// over all items (any number of people per item), per label Fleiss' per-category kappa, per annotator the mean of
/// their pairwise Cohen's kappas. Boxes: F1 of boxes matched one to one by IoU ≥ 0.5 with the same label, between every
/// two annotations of an item. Null where a figure is undefined (too few items, or everyone used one label).
/// </summary>
public sealed record AnnotationAgreementDto(
    string Measure, int ItemsCompared, double? Overall, double? PercentAgreement, IReadOnlyList<LabelAgreementDto> Labels,
    IReadOnlyList<AnnotatorAgreementDto> Annotators);

public sealed record LabelAgreementDto(int LabelId, string Name, int Uses, double? Agreement);

/// <summary><paramref name="Agreement"/>: mean pairwise Cohen's kappa (classes) or F1 (boxes) with the others on shared items.</summary>
public sealed record AnnotatorAgreementDto(Guid UserId, string Email, int ItemsCompared, double? Agreement, double? PercentAgreement);

/// <summary>Turns the project's labels into a new dataset version; unreviewed annotations are left out unless included.</summary>
public sealed record FinishAnnotationRequest(bool IncludeUnreviewed = true);

/// <summary>Which tasks to list: by state, only the caller's (annotators always see only theirs), from a cursor.</summary>
public sealed record AnnotationTaskQuery(AnnotationTaskState? State = null, bool Mine = false, string? Cursor = null, int? Limit = null);
