using Platform.Api.Annotation;
using Platform.Api.Datasets;
using Platform.Api.Models;
using Platform.Contracts.Jobs;

namespace Platform.Api.Endpoints;

/// <summary>
/// Annotation projects (docs/annotation.md): a label schema over one dataset version, with one task per item.
/// Everyone in the workspace reads them; Maintainers and Owners create, change, finish and delete them.
/// </summary>
public static class AnnotationProjectsApi
{
    public static IEndpointRouteBuilder MapAnnotationProjectsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceGroup().MapGroup("/annotation-projects").WithTags("Annotation");
        group.MapGet("", List);
        group.MapPost("", Create).RequireWorkspaceRole(WorkspaceRole.Maintainer);
        group.MapGet("/{id:guid}", Get);
        group.MapPatch("/{id:guid}", Update).RequireWorkspaceRole(WorkspaceRole.Maintainer);
        group.MapDelete("/{id:guid}", Delete).RequireWorkspaceRole(WorkspaceRole.Maintainer);
        group.MapGet("/{id:guid}/annotators", Annotators);
        group.MapGet("/{id:guid}/agreement", Agreement);
        group.MapPost("/{id:guid}/finish", Finish).RequireWorkspaceRole(WorkspaceRole.Maintainer);
        group.MapPost("/{id:guid}/prelabel", Prelabel).RequireWorkspaceRole(WorkspaceRole.Maintainer);
        group.MapAnnotationTasksApi();
        group.MapAnnotationRetrainApi();
        return app;
    }

    public static Task<AnnotationProject?> FindAnnotationProjectAsync(this PlatformDb db, WorkspaceMember member, Guid id, CancellationToken ct) =>
        db.AnnotationProjects.SingleOrDefaultAsync(p => p.Id == id && p.WorkspaceId == member.WorkspaceId, ct);

    private static async Task<Ok<Page<AnnotationProjectDto>>> List(string? cursor, int? limit, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        var page = await db.AnnotationProjects.AsNoTracking().Where(p => p.WorkspaceId == member.WorkspaceId)
            .ToPageAsync(cursor, limit, p => p.Id, newestFirst: true, ct);
        return TypedResults.Ok(new Page<AnnotationProjectDto>(await AnnotationViews.ProjectsAsync(db, page.Items, ct), page.NextCursor));
    }

    private static async Task<Results<Ok<AnnotationProjectDto>, ProblemHttpResult>> Get(Guid id, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        var project = await db.FindAnnotationProjectAsync(member, id, ct);
        return project is null ? Problems.NotFound("The annotation project") : TypedResults.Ok((await AnnotationViews.ProjectsAsync(db, [project], ct))[0]);
    }

    private static async Task<Results<Created<AnnotationProjectDto>, ValidationProblem, ProblemHttpResult>> Create(
        CreateAnnotationProjectRequest request, WorkspaceMember member, PlatformDb db, DatabaseLocks locks, ResourceEvents events, TimeProvider clock,
        CancellationToken ct)
    {
        var validation = new Validation().Require("name", request.Name?.Trim(), AnnotationProject.MaxNameLength, "The name")
            .Instructions(request.Instructions).BatchSize(request.BatchSize);
        if (request.Overlap is < 1 or > AnnotationProject.MaxOverlap) validation.Add("overlap", $"Each item is labeled by 1 to {AnnotationProject.MaxOverlap} people.");
        if (!validation.IsValid) return validation.Problem();
        var dataset = await db.FindDatasetAsync(member, request.DatasetId, ct);
        if (dataset is null || dataset.IsDeleted) return validation.Add("datasetId", "The dataset was not found.").Problem();
        var version = await db.FindVersionAsync(member, dataset.Id, request.VersionNumber, ct);
        if (version is null) return validation.Add("versionNumber", $"The dataset has no version {request.VersionNumber}.").Problem();
        var kind = request.Kind ?? AnnotationSchema.DefaultKind(version.Kind);
        if (AnnotationSchema.KindProblem(version.Kind, kind) is { } kindProblem) return validation.Add("kind", kindProblem).Problem();
        var overlap = request.Overlap ?? 1;
        if ((long)version.ItemCount * overlap > AnnotationProject.MaxItems)
            return validation.Add("versionNumber", overlap == 1
                ? $"A project holds at most {AnnotationProject.MaxItems:N0} items; this version has {version.ItemCount:N0}."
                : $"A project holds at most {AnnotationProject.MaxItems:N0} tasks; this version's {version.ItemCount:N0} items, each labeled {overlap} times, make {(long)version.ItemCount * overlap:N0}.").Problem();

        var inputs = (request.Labels ?? []).ToList();
        foreach (var name in await AnnotationTaskFactory.VersionClassesAsync(db, version, ct))
            if (!inputs.Any(l => string.Equals(l.Name?.Trim(), name, StringComparison.OrdinalIgnoreCase))) inputs.Add(new AnnotationLabelInput(name));
        var labels = AnnotationSchema.Check(inputs, [], validation);
        if (labels is null) return validation.Problem();
        var name2 = request.Name!.Trim();
        // The count below and the insert happen under one lock, so concurrent creations cannot pass the limit together.
        await using var _ = await locks.AcquireAsync($"annotation-projects:{member.WorkspaceId:N}", ct);
        if (await db.AnnotationProjects.AnyAsync(p => p.WorkspaceId == member.WorkspaceId && p.Name == name2, ct))
            return Problems.Conflict($"The workspace already has an annotation project named '{name2}'.");
        if (await db.AnnotationProjects.CountAsync(p => p.WorkspaceId == member.WorkspaceId, ct) >= AnnotationProject.MaxPerWorkspace)
            return Problems.Conflict($"The workspace already has {AnnotationProject.MaxPerWorkspace} annotation projects, the most it may hold; delete one first.");

        var now = clock.GetUtcNow();
        var project = new AnnotationProject(member.WorkspaceId, name2, kind, dataset.Id, version, request.Instructions ?? "",
            request.BatchSize ?? AnnotationProject.DefaultBatchSize, overlap, member.UserId, now);
        project.SetLabels(labels, now);
        var tasks = await AnnotationTaskFactory.MakeAsync(db, project, version, ct);
        project.Populated(tasks.Count);
        db.AnnotationProjects.Add(project);
        db.Audit(clock, "annotation.project-created", member.WorkspaceId, await db.Users.FindAsync([member.UserId], ct), name2,
            $"{dataset.Name} v{version.Number}, {project.TaskCount:N0} tasks, {labels.Count} labels" + (overlap > 1 ? $", each item by {overlap} people" : ""));
        // The project and its tasks are written whole or not at all.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException) { return Problems.Conflict($"The workspace already has an annotation project named '{name2}'."); }
            await AnnotationTaskBulk.InsertAsync(db, tasks, ct);
            await transaction.CommitAsync(ct);
        }
        await events.AnnotationChangedAsync(member.WorkspaceId, project.Id, "created", ct);
        return TypedResults.Created($"/api/workspaces/{member.WorkspaceId}/annotation-projects/{project.Id}", (await AnnotationViews.ProjectsAsync(db, [project], ct))[0]);
    }

    private static async Task<Results<Ok<AnnotationProjectDto>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, UpdateAnnotationProjectRequest request, WorkspaceMember member, PlatformDb db, ResourceEvents events, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation();
        if (request.Name is not null) validation.Require("name", request.Name.Trim(), AnnotationProject.MaxNameLength, "The name");
        validation.Instructions(request.Instructions).BatchSize(request.BatchSize);
        if (!validation.IsValid) return validation.Problem();
        var project = await db.FindAnnotationProjectAsync(member, id, ct);
        if (project is null) return Problems.NotFound("The annotation project");
        var now = clock.GetUtcNow();
        var changes = new List<string>();
        if (request.Name is { } name && name.Trim() != project.Name)
        {
            if (await db.AnnotationProjects.AnyAsync(p => p.WorkspaceId == member.WorkspaceId && p.Name == name.Trim() && p.Id != id, ct))
                return Problems.Conflict($"The workspace already has an annotation project named '{name.Trim()}'.");
            changes.Add($"renamed '{project.Name}' → '{name.Trim()}'");
            project.Rename(name.Trim(), now);
        }
        if (request.Instructions is { } instructions && instructions != project.Instructions) { project.Instruct(instructions, now); changes.Add("instructions"); }
        if (request.BatchSize is { } batch && batch != project.BatchSize) { project.Batch(batch, now); changes.Add($"batches of {batch}"); }
        if (request.QueueOrder is { } order && order != project.QueueOrder)
        {
            project.Order(order, now);
            changes.Add(order == AnnotationQueueOrder.LeastConfidentFirst ? "least confident suggestions first" : "items in order");
        }
        if (request.Labels is { } inputs)
        {
            var result = await AnnotationSchemaChange.ApplyAsync(db, project, inputs, request.RemoveAnnotationsOfRemovedLabels, now, ct);
            if (result.Validation is { IsValid: false } invalid) return invalid.Problem();
            if (result.Conflict is { } conflict) return Problems.Conflict(conflict);
            if (result.Summary is { } summary) changes.Add(summary);
        }
        if (changes.Count == 0) return TypedResults.Ok((await AnnotationViews.ProjectsAsync(db, [project], ct))[0]);
        db.Audit(clock, "annotation.project-changed", member.WorkspaceId, await db.Users.FindAsync([member.UserId], ct), project.Name, string.Join("; ", changes));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Problems.Conflict("Someone else changed the labels at the same time; reload and try again."); }
        catch (DbUpdateException) { return Problems.Conflict($"The workspace already has an annotation project named '{project.Name}'."); }
        await events.AnnotationChangedAsync(member.WorkspaceId, project.Id, "schema", ct);
        return TypedResults.Ok((await AnnotationViews.ProjectsAsync(db, [project], ct))[0]);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, WorkspaceMember member, PlatformDb db, ResourceEvents events, TimeProvider clock, CancellationToken ct)
    {
        var project = await db.FindAnnotationProjectAsync(member, id, ct);
        if (project is null) return Problems.NotFound("The annotation project");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.AnnotationTasks.Where(t => t.ProjectId == id).ExecuteDeleteAsync(ct);
        db.AnnotationProjects.Remove(project);
        db.Audit(clock, "annotation.project-deleted", member.WorkspaceId, await db.Users.FindAsync([member.UserId], ct), project.Name);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await events.AnnotationChangedAsync(member.WorkspaceId, id, "deleted", ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<IReadOnlyList<AnnotatorStatsDto>>, ProblemHttpResult>> Annotators(
        Guid id, WorkspaceMember member, PlatformDb db, TimeProvider clock, CancellationToken ct)
    {
        var project = await db.FindAnnotationProjectAsync(member, id, ct);
        if (project is null) return Problems.NotFound("The annotation project");
        return TypedResults.Ok(await AnnotatorStats.ReadAsync(db, project.Id, clock.GetUtcNow(), ct));
    }

    private static async Task<Results<Ok<AnnotationAgreementDto>, ProblemHttpResult>> Agreement(Guid id, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        var project = await db.FindAnnotationProjectAsync(member, id, ct);
        return project is null ? Problems.NotFound("The annotation project") : TypedResults.Ok(await AnnotationAgreement.ReadAsync(db, project, ct));
    }

    private static async Task<Results<Accepted<OperationDto>, ProblemHttpResult>> Finish(
        Guid id, FinishAnnotationRequest request, WorkspaceMember member, PlatformDb db, OperationStarter starter, CancellationToken ct)
    {
        var project = await db.FindAnnotationProjectAsync(member, id, ct);
        if (project is null) return Problems.NotFound("The annotation project");
        var dataset = await db.Datasets.SingleAsync(d => d.Id == project.DatasetId, ct);
        if (dataset.IsDeleted) return Problems.Conflict("The project's dataset is deleted; restore it first.");
        var operation = await starter.StartAsync(member, OperationKinds.FinishAnnotation, project.DatasetId,
            new FinishAnnotationPayload(project.Id, request.IncludeUnreviewed), ct, ("annotation.finish-started", project.Name));
        return TypedResults.Accepted($"/api/workspaces/{member.WorkspaceId}/operations/{operation.Id}", operation.ToDto());
    }

    private static async Task<Results<Accepted<OperationDto>, ValidationProblem, ProblemHttpResult>> Prelabel(
        Guid id, PrelabelRequest request, WorkspaceMember member, PlatformDb db, OperationStarter starter, CancellationToken ct)
    {
        var project = await db.FindAnnotationProjectAsync(member, id, ct);
        if (project is null) return Problems.NotFound("The annotation project");
        if (project.IsDetection) return new Validation().Add("modelId", "Pre-labeling suggests classes; it does not suggest boxes yet.").Problem();
        var model = await db.FindModelAsync(member, request.ModelId, ct);
        var version = model is null ? null : await db.ModelVersions.SingleOrDefaultAsync(v => v.ModelId == model.Id && v.Number == request.Version, ct);
        if (version is null) return new Validation().Add("modelId", "The model version was not found.").Problem();
        var takes = TrainingTemplates.Find(version.Template)?.Kind;
        var wants = project.Kind == AnnotationKind.TextClassification ? DatasetKind.TextClassification : DatasetKind.ImageClassification;
        if (takes != wants)
            return new Validation().Add("modelId",
                $"{model!.Name} v{version.Number} takes {(takes is { } k ? Dataset.Describe(k) : "another kind of input")}; this project labels {Dataset.Describe(wants)}.").Problem();
        var operation = await starter.StartAsync(member, OperationKinds.PrelabelAnnotation, project.DatasetId, new PrelabelPayload(project.Id, version.Id), ct,
            ("annotation.prelabel-started", $"{project.Name} with {model!.Name} v{version.Number}"));
        return TypedResults.Accepted($"/api/workspaces/{member.WorkspaceId}/operations/{operation.Id}", operation.ToDto());
    }
}
