using Platform.Api.Models;
using Platform.Contracts.Jobs;

namespace Platform.Api.Endpoints;

/// <summary>Batch prediction: a model version over every item of a dataset version, as an operation whose result is the file.</summary>
public static class ModelPredictionsApi
{
    public static readonly string[] Formats = ["csv", "jsonl"];

    public static RouteGroupBuilder MapModelPredictionsApi(this RouteGroupBuilder models)
    {
        models.MapPost("/{id:guid}/versions/{number:int}/predictions", Start).RequireWorkspaceRole(WorkspaceRole.Member);
        return models;
    }

    private static async Task<Results<Accepted<OperationDto>, ValidationProblem, ProblemHttpResult>> Start(
        Guid id, int number, StartBatchPredictionRequest request, WorkspaceMember member, PlatformDb db, OperationStarter starter, CancellationToken ct)
    {
        if (!Formats.Contains(request.Format)) return new Validation().Add("format", "Choose csv or jsonl.").Problem();
        var model = await db.FindModelAsync(member, id, ct);
        var version = model is null ? null : await db.ModelVersions.SingleOrDefaultAsync(v => v.ModelId == id && v.Number == number, ct);
        if (version is null) return Problems.NotFound("The model version");
        var dataset = await db.Datasets.SingleOrDefaultAsync(d => d.Id == request.DatasetId && d.WorkspaceId == member.WorkspaceId && d.DeletedAt == null, ct);
        var data = dataset is null ? null
            : await db.DatasetVersions.SingleOrDefaultAsync(v => v.DatasetId == dataset.Id && v.Number == request.Version, ct);
        if (data is null) return new Validation().Add("datasetId", "The dataset version was not found.").Problem();
        var takes = TrainingTemplates.Find(version.Template)?.Kind;
        var fits = takes == data.Kind || (takes == DatasetKind.ImageClassification && data.Kind == DatasetKind.ObjectDetection);
        if (!fits)
            return new Validation().Add("datasetId",
                $"{model!.Name} v{number} takes {(takes is { } k ? Dataset.Describe(k) : "another kind of input")}; {dataset!.Name} v{data.Number} holds {Dataset.Describe(data.Kind)}.").Problem();
        var operation = await starter.StartAsync(member, OperationKinds.PredictDataset, version.Id,
            new BatchPredictionPayload(version.Id, data.Id, request.Format), ct,
            ("model.predictions-started", $"{model!.Name} v{number} over {dataset!.Name} v{data.Number} as {request.Format}"));
        return TypedResults.Accepted($"/api/workspaces/{member.WorkspaceId}/operations/{operation.Id}", operation.ToDto());
    }
}
