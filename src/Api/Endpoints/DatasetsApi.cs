using Microsoft.Extensions.Options;
using Platform.Api.Datasets;
using Platform.Storage.Blobs;

namespace Platform.Api.Endpoints;

public static class DatasetsApi
{
    public static IEndpointRouteBuilder MapDatasetsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceGroup().MapGroup("/datasets").WithTags("Datasets");
        group.MapGet("", List);
        group.MapPost("", Create).RequireWorkspaceRole(WorkspaceRole.Member);
        group.MapPost("/sample", AddSample).RequireWorkspaceRole(WorkspaceRole.Member);
        group.MapGet("/{id:guid}", Get);
        group.MapPut("/{id:guid}", Edit).RequireWorkspaceRole(WorkspaceRole.Member);
        group.MapDelete("/{id:guid}", Delete).RequireWorkspaceRole(WorkspaceRole.Maintainer);
        group.MapPost("/{id:guid}/restore", Restore).RequireWorkspaceRole(WorkspaceRole.Maintainer);
        group.MapPost("/{id:guid}/imports", Import).RequireWorkspaceRole(WorkspaceRole.Member);
        group.MapGet("/{id:guid}/operations", Operations);
        return app;
    }

    private static async Task<Ok<Page<DatasetDto>>> List(bool? deleted, string? cursor, int? limit, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        var showDeleted = deleted == true;
        var page = await db.Datasets.AsNoTracking()
            .Where(d => d.WorkspaceId == member.WorkspaceId && (d.DeletedAt != null) == showDeleted)
            .ToPageAsync(cursor, limit, d => d.Id, newestFirst: true, ct);
        var latestIds = page.Items.Where(d => d.LatestVersionId != null).Select(d => d.LatestVersionId!.Value).ToList();
        var latest = await db.DatasetVersions.AsNoTracking().Where(v => latestIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        return TypedResults.Ok(new Page<DatasetDto>(
            page.Items.Select(d => d.ToDto(d.LatestVersionId is { } v ? latest.GetValueOrDefault(v) : null)).ToList(), page.NextCursor));
    }

    private static async Task<Results<Created<DatasetDto>, ValidationProblem>> Create(
        CreateDatasetRequest request, WorkspaceMember member, PlatformDb db, ResourceEvents live, TimeProvider clock, CancellationToken ct)
    {
        var validation = Validate(request.Name, request.Description);
        if (!validation.IsValid) return validation.Problem();
        var dataset = new Dataset(member.WorkspaceId, request.Name.Trim(), Normalize(request.Description), member.UserId, clock.GetUtcNow());
        db.Datasets.Add(dataset);
        db.Audit(clock, AuditActions.DatasetCreated, member.WorkspaceId, await db.Users.FindAsync([member.UserId], ct), dataset.Name);
        await db.SaveChangesAsync(ct);
        await live.DatasetChangedAsync(member.WorkspaceId, dataset.Id, "created", ct);
        return TypedResults.Created($"/api/workspaces/{member.WorkspaceId}/datasets/{dataset.Id}", dataset.ToDto(null));
    }

    /// <summary>The kinds that have a generated sample dataset.</summary>
    private static readonly DatasetKind[] SampleKinds = [DatasetKind.ImageClassification, DatasetKind.ObjectDetection, DatasetKind.Table];

    private static async Task<Results<Accepted<OperationDto>, ValidationProblem>> AddSample(
        DatasetKind? kind, WorkspaceMember member, SampleDatasetStarter samples, CancellationToken ct)
    {
        if (kind is { } asked && !SampleKinds.Contains(asked))
            return new Validation().Add("kind", $"There is no sample of kind '{asked}'; the kinds with a sample are {string.Join(", ", SampleKinds)}.").Problem();
        var operation = await samples.StartAsync(member, kind ?? DatasetKind.ImageClassification, ct);
        return TypedResults.Accepted($"/api/workspaces/{member.WorkspaceId}/operations/{operation.Id}", operation.ToDto());
    }

    private static async Task<Results<Ok<DatasetDto>, ProblemHttpResult>> Get(Guid id, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        var dataset = await db.FindDatasetAsync(member, id, ct);
        return dataset is null ? Problems.NotFound("The dataset") : TypedResults.Ok(dataset.ToDto(await db.LatestVersionAsync(dataset, ct)));
    }

    private static async Task<Results<Ok<DatasetDto>, ValidationProblem, ProblemHttpResult>> Edit(
        Guid id, EditDatasetRequest request, WorkspaceMember member, PlatformDb db, ResourceEvents live, CancellationToken ct)
    {
        var validation = Validate(request.Name, request.Description);
        if (!validation.IsValid) return validation.Problem();
        var dataset = await db.FindDatasetAsync(member, id, ct);
        if (dataset is null) return Problems.NotFound("The dataset");
        dataset.Edit(request.Name.Trim(), Normalize(request.Description));
        await db.SaveChangesAsync(ct);
        await live.DatasetChangedAsync(member.WorkspaceId, dataset.Id, "edited", ct);
        return TypedResults.Ok(dataset.ToDto(await db.LatestVersionAsync(dataset, ct)));
    }

    private static async Task<Results<Ok<DatasetDto>, ProblemHttpResult>> Delete(
        Guid id, WorkspaceMember member, PlatformDb db, ResourceEvents live, IOptions<DatasetStorageOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var dataset = await db.FindDatasetAsync(member, id, ct);
        if (dataset is null) return Problems.NotFound("The dataset");
        dataset.Delete(clock.GetUtcNow(), TimeSpan.FromDays(options.Value.RetentionDays));
        db.Audit(clock, AuditActions.DatasetDeleted, member.WorkspaceId, await db.Users.FindAsync([member.UserId], ct), dataset.Name);
        await db.SaveChangesAsync(ct);
        await live.DatasetChangedAsync(member.WorkspaceId, dataset.Id, "deleted", ct);
        return TypedResults.Ok(dataset.ToDto(await db.LatestVersionAsync(dataset, ct)));
    }

    private static async Task<Results<Ok<DatasetDto>, ProblemHttpResult>> Restore(
        Guid id, WorkspaceMember member, PlatformDb db, ResourceEvents live, TimeProvider clock, CancellationToken ct)
    {
        var dataset = await db.FindDatasetAsync(member, id, ct);
        if (dataset is null) return Problems.NotFound("The dataset");
        dataset.Restore();
        db.Audit(clock, AuditActions.DatasetRestored, member.WorkspaceId, await db.Users.FindAsync([member.UserId], ct), dataset.Name);
        await db.SaveChangesAsync(ct);
        await live.DatasetChangedAsync(member.WorkspaceId, dataset.Id, "restored", ct);
        return TypedResults.Ok(dataset.ToDto(await db.LatestVersionAsync(dataset, ct)));
    }

    private static async Task<Results<Accepted<OperationDto>, ValidationProblem, ProblemHttpResult>> Import(
        Guid id, StartImportRequest request, WorkspaceMember member, PlatformDb db, OperationStarter starter, CancellationToken ct)
    {
        var dataset = await db.FindDatasetAsync(member, id, ct);
        if (dataset is null) return Problems.NotFound("The dataset");
        if (dataset.IsDeleted) return Problems.Conflict("A deleted dataset cannot be imported into; restore it first.");
        var validation = new Validation();
        var ids = request.UploadIds ?? [];
        if (ids.Count == 0) validation.Add("uploadIds", "Choose at least one uploaded file.");
        else if (ids.Count > 100) validation.Add("uploadIds", "An import takes at most 100 uploads; put the files in an archive.");
        else
        {
            var found = await db.Uploads.Where(u => u.WorkspaceId == member.WorkspaceId && ids.Contains(u.Id)).ToListAsync(ct);
            foreach (var missing in ids.Except(found.Select(u => u.Id))) validation.Add("uploadIds", $"Upload {missing} was not found.");
            foreach (var unfinished in found.Where(u => u.State != UploadState.Complete))
                validation.Add("uploadIds", $"'{unfinished.FileName}' is still uploading ({unfinished.ReceivedBytes} of {unfinished.Size} bytes).");
        }
        if (request.Mode == ImportMode.AddToLatest && dataset.LatestVersionId is null)
            validation.Add("mode", "The dataset has no version to add to yet; import a new snapshot first.");
        foreach (var (field, value) in new[] { ("targetColumn", request.TargetColumn), ("textColumn", request.TextColumn), ("labelColumn", request.LabelColumn) })
            if (value is { Length: > 256 }) validation.Add(field, "A column name may be at most 256 characters.");
        if (!validation.IsValid) return validation.Problem();
        var operation = await starter.StartAsync(member, OperationKinds.ImportDataset, dataset.Id, request with { UploadIds = ids.Distinct().ToList() }, ct,
            (AuditActions.DatasetImportStarted, dataset.Name));
        return TypedResults.Accepted($"/api/workspaces/{member.WorkspaceId}/operations/{operation.Id}", operation.ToDto());
    }

    private static async Task<Results<Ok<Page<OperationDto>>, ProblemHttpResult>> Operations(
        Guid id, string? cursor, int? limit, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        if (await db.FindDatasetAsync(member, id, ct) is null) return Problems.NotFound("The dataset");
        var page = await db.Operations.AsNoTracking().Where(o => o.WorkspaceId == member.WorkspaceId && o.SubjectId == id)
            .ToPageAsync(cursor, limit, o => o.Id, newestFirst: true, ct);
        return TypedResults.Ok(new Page<OperationDto>(page.Items.Select(o => o.ToDto()).ToList(), page.NextCursor));
    }

    private static Validation Validate(string? name, string? description)
    {
        var validation = new Validation().Require("name", name, Dataset.MaxNameLength, "Name");
        if (description is { Length: > Dataset.MaxDescriptionLength })
            validation.Add("description", $"Description may be at most {Dataset.MaxDescriptionLength} characters.");
        return validation;
    }

    private static string? Normalize(string? description) => string.IsNullOrWhiteSpace(description) ? null : description.Trim();
}
