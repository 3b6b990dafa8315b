using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Jobs;
using Platform.Jobs.Datasets;
using Platform.Jobs.Models;
using Platform.Jobs.Operations;
using Platform.Storage.Blobs;
using Platform.Storage.Data;
using Platform.Storage.Entities;
using Platform.Storage.Events;
using Platform.Storage.Objects;

namespace Platform.Jobs.Annotation;

/// <summary>
/// Pre-labeling: a registered version predicts every task nobody has annotated yet, and its label (matched to the
/// project's labels by name) becomes the task's suggestion with the model's confidence. Predictions naming a class the
/// project lacks suggest nothing, and the result says how many and which.
/// </summary>
public sealed class PrelabelAnnotationHandler(PlatformDb db, IObjectStore store, BlobStore blobs, ResourceEvents events, TimeProvider clock) : IOperationHandler
{
    private const int BatchSize = 64;

    public string Kind => OperationKinds.PrelabelAnnotation;

    public async Task<string> RunAsync(Operation operation, IOperationReporter report, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<PrelabelPayload>(operation.Payload!, PlatformClient.Json)!;
        var project = await db.AnnotationProjects.SingleAsync(p => p.Id == payload.ProjectId && p.WorkspaceId == operation.WorkspaceId, ct);
        var model = await db.ModelVersions.AsNoTracking().SingleAsync(v => v.Id == payload.ModelVersionId && v.WorkspaceId == operation.WorkspaceId, ct);
        var source = $"{await db.RegisteredModels.Where(m => m.Id == model.ModelId).Select(m => m.Name).SingleAsync(ct)} v{model.Number}";
        await report.ReportAsync(0.02, $"Loading {source}", ct);
        using var predictor = await ModelPredictions.LoadAsync(store, model, ct);
        var labels = project.Labels.ToDictionary(l => l.Name, l => l.Id, StringComparer.OrdinalIgnoreCase);

        var open = await db.AnnotationTasks.AsNoTracking().Where(t => t.ProjectId == project.Id && t.State == AnnotationTaskState.Open)
            .OrderBy(t => t.Ordinal).Select(t => new { t.Id, t.ItemId }).ToListAsync(ct);
        var (suggested, unknown) = (0, new Dictionary<string, int>(StringComparer.Ordinal));
        for (var start = 0; start < open.Count; start += BatchSize)
        {
            var batch = open.Skip(start).Take(BatchSize).ToList();
            var itemIds = batch.Select(t => t.ItemId).ToList();
            var rows = await db.DatasetItems.AsNoTracking().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
            var items = batch.Select(t => rows[t.ItemId]).Select(r => new NewItem(r.Path, null, r.Split, r.Sha256, r.Size, r.Width, r.Height, [], r.Text)).ToList();
            var predictions = await ModelPredictions.PredictAsync(predictor, blobs, operation.WorkspaceId, items, null, ct);
            for (var i = 0; i < batch.Count; i++)
            {
                var prediction = predictions[i];
                int? labelId = prediction.Label is { } name && labels.TryGetValue(name, out var id) ? id : null;
                if (labelId is null && prediction.Label is { } missing) unknown[missing] = unknown.GetValueOrDefault(missing) + 1;
                var confidence = labelId is null ? (double?)null : prediction.Confidence;
                // Only while the task is still open: an annotation saved meanwhile keeps its own story.
                suggested += await db.AnnotationTasks.Where(t => t.Id == batch[i].Id && t.State == AnnotationTaskState.Open)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.SuggestedLabelId, labelId).SetProperty(t => t.SuggestionConfidence, confidence), ct) == 1 && labelId is not null ? 1 : 0;
            }
            var done = Math.Min(open.Count, start + BatchSize);
            await report.ReportAsync(0.05 + 0.9 * done / Math.Max(1, open.Count), $"Suggested labels for {done:N0} of {open.Count:N0} open items", ct);
        }
        project.Suggested(source, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await events.AnnotationChangedAsync(project.WorkspaceId, project.Id, "suggestions", CancellationToken.None);
        var missed = unknown.Count == 0 ? ""
            : $" {unknown.Values.Sum():N0} predictions named classes the project lacks ({string.Join(", ", unknown.OrderByDescending(u => u.Value).Take(5).Select(u => $"{u.Key} ×{u.Value:N0}"))}) and suggest nothing; add those labels and pre-label again to use them.";
        return $"Suggested labels for {suggested:N0} of {open.Count:N0} open items with {source}.{missed}";
    }
}
