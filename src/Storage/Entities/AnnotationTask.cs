using System.Text.Json;
using Platform.Contracts;

namespace Platform.Storage.Entities;

/// <summary>
/// One item of a project: its annotation, who holds it (a lease that expires), and its review. Saves and leases are
/// conditional updates (see AnnotationLeases), so two people never write the same task; <see cref="Revision"/> grows
/// with every change.
/// </summary>
public sealed class AnnotationTask
{
    public const int MaxBoxes = 10_000;
    public const int MaxCommentLength = 2_000;

    private AnnotationTask() { }

    public AnnotationTask(Guid id, Guid projectId, Guid workspaceId, Guid itemId, int ordinal, int replica = 0)
    {
        Replica = replica;
        Id = id;
        ProjectId = projectId;
        WorkspaceId = workspaceId;
        ItemId = itemId;
        Ordinal = ordinal;
        State = AnnotationTaskState.Open;
    }

    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public Guid ItemId { get; private set; }
    /// <summary>The item's place in the version; every replica of an item has the same one.</summary>
    public int Ordinal { get; private set; }
    /// <summary>Which of the item's tasks this is (0 to overlap − 1); each replica is labeled by a different person.</summary>
    public int Replica { get; private set; }
    public AnnotationTaskState State { get; private set; }
    public int? LabelId { get; private set; }
    /// <summary>Boxes as JSON (a list of <see cref="AnnotationBoxDto"/>); null for classification.</summary>
    public string? BoxesJson { get; private set; }
    /// <summary>The label ids the annotation uses, as ",1,4,", so "is this label in use" is one indexed-free query.</summary>
    public string LabelSet { get; private set; } = "";
    /// <summary>The annotation came with the dataset version, not from a person.</summary>
    public bool FromVersion { get; private set; }
    public Guid? AnnotatedBy { get; private set; }
    public DateTimeOffset? AnnotatedAt { get; private set; }
    public Guid? ReviewedBy { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public string? ReviewComment { get; private set; }
    public Guid? HolderId { get; private set; }
    public DateTimeOffset? LeaseExpiresAt { get; private set; }
    public int Revision { get; private set; }
    /// <summary>A model's suggestion (pre-labeling): a label of the schema and the model's confidence in it.</summary>
    public int? SuggestedLabelId { get; private set; }
    public double? SuggestionConfidence { get; private set; }
    /// <summary>Set when the annotator saved exactly the suggested label.</summary>
    public bool SuggestionTaken { get; private set; }

    public IReadOnlyList<AnnotationBoxDto> Boxes =>
        BoxesJson is null ? [] : JsonSerializer.Deserialize<List<AnnotationBoxDto>>(BoxesJson, PlatformClient.Json) ?? [];

    public static string LabelSetOf(int? labelId, IReadOnlyList<AnnotationBoxDto>? boxes)
    {
        var ids = (boxes?.Select(b => b.LabelId) ?? []).Concat(labelId is { } id ? [id] : []).Distinct().Order().ToList();
        return ids.Count == 0 ? "" : "," + string.Join(",", ids) + ",";
    }

    public static string? BoxesJsonOf(IReadOnlyList<AnnotationBoxDto>? boxes) =>
        boxes is null ? null : JsonSerializer.Serialize(boxes, PlatformClient.Json);

    /// <summary>The annotation that came with the version's item (nobody made it, so it has no author or time).</summary>
    public void StartFromVersion(int? labelId, IReadOnlyList<AnnotationBoxDto>? boxes)
    {
        Apply(labelId, boxes);
        State = AnnotationTaskState.Annotated;
        FromVersion = true;
    }

    /// <summary>A reviewer's decision; a fix replaces the annotation first.</summary>
    public void Review(Guid reviewer, ReviewDecision decision, string? comment, (int? LabelId, IReadOnlyList<AnnotationBoxDto>? Boxes)? fix, DateTimeOffset now)
    {
        if (State is AnnotationTaskState.Open) throw new IllegalStateChangeException("Only an annotated item can be reviewed.");
        if (fix is { } f) Apply(f.LabelId, f.Boxes);
        State = decision == ReviewDecision.Accept ? AnnotationTaskState.Accepted : AnnotationTaskState.Rejected;
        ReviewedBy = reviewer;
        ReviewedAt = now;
        ReviewComment = comment;
        // A rejected task goes back to its annotator's next batch; nobody needs to hold a reviewed one.
        HolderId = null;
        LeaseExpiresAt = null;
        Revision++;
    }

    /// <summary>Clears the annotation when the labels it used were removed from the schema.</summary>
    public void Clear()
    {
        Apply(null, BoxesJson is null ? null : []);
        State = AnnotationTaskState.Open;
        FromVersion = false;
        Revision++;
    }

    /// <summary>Drops the given labels' boxes (the task keeps its other boxes).</summary>
    public void RemoveBoxes(IReadOnlySet<int> labelIds)
    {
        var kept = Boxes.Where(b => !labelIds.Contains(b.LabelId)).ToList();
        Apply(null, kept);
        Revision++;
    }

    private void Apply(int? labelId, IReadOnlyList<AnnotationBoxDto>? boxes)
    {
        LabelId = labelId;
        BoxesJson = BoxesJsonOf(boxes);
        LabelSet = LabelSetOf(labelId, boxes);
    }
}
