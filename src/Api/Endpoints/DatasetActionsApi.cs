using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Api.Datasets;
using Platform.Datasets.Formats;
using Platform.Storage.Blobs;
using Platform.Contracts.Jobs;
using Platform.Storage.Objects;

namespace Platform.Api.Endpoints;

/// <summary>Work on a version that runs as an operation (split, export), operation results, and the workspace's storage.</summary>
public static class DatasetActionsApi
{
    public static IEndpointRouteBuilder MapDatasetActionsApi(this IEndpointRouteBuilder app)
    {
        var versions = app.MapWorkspaceGroup().MapGroup("/datasets/{datasetId:guid}/versions/{number:int}").WithTags("Dataset versions");
        versions.MapPost("/split", Split).RequireWorkspaceRole(WorkspaceRole.Member);
        versions.MapPost("/exports", Export).RequireWorkspaceRole(WorkspaceRole.Member);
        versions.MapGet("/export-formats", ExportFormatsOf);

        var workspace = app.MapWorkspaceGroup();
        workspace.MapGet("/operations/{id:guid}/result", Result).WithTags("Operations");
        workspace.MapGet("/storage", Storage).WithTags("Storage");
        // Administrators set quotas for any workspace, member or not, so this lives outside the workspace group.
        app.MapPut("/api/admin/workspaces/{workspaceId:guid}/storage-quota", SetQuota).WithTags("Storage").RequireAuthorization(AuthSchemes.AdminPolicy);
        return app;
    }

    private static async Task<Results<Accepted<OperationDto>, ValidationProblem, ProblemHttpResult>> Split(
        Guid datasetId, int number, SplitRequest request, WorkspaceMember member, PlatformDb db, OperationStarter starter, CancellationToken ct)
    {
        var validation = new Validation();
        foreach (var (field, value) in new[] { ("train", request.Train), ("validation", request.Validation), ("test", request.Test) })
            if (!double.IsFinite(value) || value < 0 || value > 1) validation.Add(field, $"The {field} share must be between 0 and 1.");
        if (validation.IsValid && Math.Abs(request.Train + request.Validation + request.Test - 1) > 1e-6)
            validation.Add("train", "Train, validation and test must add up to 100%.");
        if (validation.IsValid && request.Train <= 0) validation.Add("train", "The train share must be above 0.");
        if (!validation.IsValid) return validation.Problem();
        var (dataset, version) = await FindAsync(db, member, datasetId, number, ct);
        if (version is null) return Problems.NotFound("The version");
        if (dataset!.IsDeleted) return Problems.Conflict("A deleted dataset cannot be split; restore it first.");
        var operation = await starter.StartAsync(member, OperationKinds.SplitDataset, datasetId, new SplitPayload(version.Id, request), ct,
            (AuditActions.DatasetSplitStarted, $"{dataset.Name} v{version.Number}"));
        return TypedResults.Accepted($"/api/workspaces/{member.WorkspaceId}/operations/{operation.Id}", operation.ToDto());
    }

    private static async Task<Results<Accepted<OperationDto>, ValidationProblem, ProblemHttpResult>> Export(
        Guid datasetId, int number, StartExportRequest request, WorkspaceMember member, PlatformDb db, OperationStarter starter, CancellationToken ct)
    {
        var (dataset, version) = await FindAsync(db, member, datasetId, number, ct);
        if (version is null) return Problems.NotFound("The version");
        if (ExportFormats.Find(version.Kind, request.Format) is null)
            return new Validation().Add("format",
                $"This version holds {Dataset.Describe(version.Kind)}, which cannot be exported as {request.Format}; it exports to {ExportFormats.Describe(version.Kind)}.").Problem();
        var operation = await starter.StartAsync(member, OperationKinds.ExportDataset, datasetId, new ExportPayload(version.Id, request.Format), ct,
            (AuditActions.DatasetExportStarted, $"{dataset!.Name} v{version.Number} as {request.Format}"));
        return TypedResults.Accepted($"/api/workspaces/{member.WorkspaceId}/operations/{operation.Id}", operation.ToDto());
    }

    private static async Task<Results<Ok<IReadOnlyList<ExportFormatDto>>, ProblemHttpResult>> ExportFormatsOf(
        Guid datasetId, int number, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        var (_, version) = await FindAsync(db, member, datasetId, number, ct);
        return version is null ? Problems.NotFound("The version") : TypedResults.Ok(ExportFormats.For(version.Kind));
    }

    private static async Task<IResult> Result(Guid id, WorkspaceMember member, PlatformDb db, IObjectStore store, CancellationToken ct)
    {
        var operation = await db.Operations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id && o.WorkspaceId == member.WorkspaceId, ct);
        if (operation is null) return Problems.NotFound("The operation");
        if (operation.ResultKey is null || await store.TryOpenReadAsync(operation.ResultKey, ct) is not { } result)
            return Problems.NotFound("The operation's result");
        var name = operation.ResultFileName ?? "result";
        return TypedResults.Stream(result, ContentTypes.ForFile(name), name);
    }

    private static async Task<Ok<StorageDto>> Storage(WorkspaceMember member, StorageUsage usage, CancellationToken ct) =>
        TypedResults.Ok(await usage.GetAsync(member.WorkspaceId, ct));

    private static async Task<Results<Ok<StorageDto>, ValidationProblem, ProblemHttpResult>> SetQuota(
        Guid workspaceId, SetStorageQuotaRequest request, ClaimsPrincipal principal, PlatformDb db, StorageUsage usage, TimeProvider clock,
        CancellationToken ct)
    {
        if (request.QuotaBytes is < 0) return new Validation().Add("quotaBytes", "The quota must be zero or more bytes.").Problem();
        var workspace = await db.Workspaces.SingleOrDefaultAsync(w => w.Id == workspaceId, ct);
        if (workspace is null) return Problems.NotFound("The workspace");
        var before = workspace.StorageQuotaBytes;
        workspace.SetStorageQuota(request.QuotaBytes);
        var actor = await db.Users.FindAsync([principal.UserId()], ct);
        db.Audit(clock, AuditActions.WorkspaceQuotaChanged, workspace.Id, actor, workspace.Name,
            $"{QuotaText(before)} → {QuotaText(request.QuotaBytes)}");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await usage.GetAsync(workspaceId, ct));
    }

    private static string QuotaText(long? bytes) => bytes switch { null => "server default", 0 => "no limit", { } b => $"{b} bytes" };

    private static async Task<(Dataset?, DatasetVersion?)> FindAsync(PlatformDb db, WorkspaceMember member, Guid datasetId, int number, CancellationToken ct)
    {
        var dataset = await db.FindDatasetAsync(member, datasetId, ct);
        return dataset is null ? (null, null) : (dataset, await db.FindVersionAsync(member, datasetId, number, ct));
    }
}
