using Platform.Api.Models;
using Platform.Api.Runs;
using Platform.Storage.Objects;
using Platform.Storage.Registry;

namespace Platform.Api.Endpoints;

/// <summary>
/// The workspace's model registry (docs/models.md): models, their numbered versions registered from runs, and aliases.
/// Members register, describe and move unprotected aliases; protected aliases and deletions are for Maintainers and Owners.
/// </summary>
public static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceGroup().MapGroup("/models").WithTags("Models");
        group.MapGet("", List);
        group.MapPost("/versions", Register).RequireWorkspaceRole(WorkspaceRole.Member);
        group.MapGet("/versions", RunVersions);
        group.MapGet("/{id:guid}", Get);
        group.MapPatch("/{id:guid}", Update).RequireWorkspaceRole(WorkspaceRole.Member);
        group.MapGet("/{id:guid}/versions", Versions);
        group.MapGet("/{id:guid}/versions/{number:int}", GetVersion);
        group.MapPatch("/{id:guid}/versions/{number:int}", UpdateVersion).RequireWorkspaceRole(WorkspaceRole.Member);
        group.MapDelete("/{id:guid}/versions/{number:int}", DeleteVersion).RequireWorkspaceRole(WorkspaceRole.Maintainer);
        group.MapGet("/{id:guid}/versions/{number:int}/package", Package);
        group.MapAliasesApi();
        group.MapModelPredictionsApi();
        return app;
    }

    /// <summary>Newest first; <c>search</c> keeps models whose name contains it.</summary>
    private static async Task<Ok<Page<RegisteredModelDto>>> List(string? cursor, int? limit, string? search, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        var query = db.RegisteredModels.AsNoTracking().Where(m => m.WorkspaceId == member.WorkspaceId);
        if (!string.IsNullOrWhiteSpace(search)) query = query.Where(m => m.Name.Contains(search.Trim()));
        var page = await query.ToPageAsync(cursor, limit, m => m.Id, newestFirst: true, ct);
        return TypedResults.Ok(new Page<RegisteredModelDto>(await ModelViews.ModelsAsync(db, page.Items, ct), page.NextCursor));
    }

    private static async Task<Results<Created<ModelVersionDto>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterModelVersionRequest request, WorkspaceMember member, PlatformDb db, ModelRegistration registration, CancellationToken ct)
    {
        var validation = new Validation().Require("modelName", request.ModelName?.Trim(), RegisteredModel.MaxNameLength, "Model name");
        CheckVersionFields(validation, request.Description, request.Tags);
        if (!validation.IsValid) return validation.Problem();
        var run = await db.FindRunAsync(member, request.RunId, ct);
        if (run is null || run.IsDeleted) return Problems.NotFound("The run");
        var actor = await db.Users.FindAsync([member.UserId], ct);
        var (model, version) = await registration.RegisterAsync(run, request.ModelName!.Trim(), Blank(request.Description), request.Tags, actor, ct);
        var dto = (await ModelViews.VersionsAsync(db, [version], ct))[0];
        return TypedResults.Created($"/api/workspaces/{member.WorkspaceId}/models/{model.Id}/versions/{version.Number}", dto);
    }

    /// <summary>The versions registered from one run (<c>runId</c>), in any model, newest first.</summary>
    private static async Task<Results<Ok<Page<ModelVersionDto>>, ValidationProblem>> RunVersions(Guid? runId, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        if (runId is not { } id) return new Validation().Add("runId", "Give the run whose registered versions to list.").Problem();
        var versions = await db.ModelVersions.AsNoTracking().Where(v => v.RunId == id && v.WorkspaceId == member.WorkspaceId)
            .OrderByDescending(v => v.Id).Take(Paging.MaxLimit).ToListAsync(ct);
        return TypedResults.Ok(new Page<ModelVersionDto>(await ModelViews.VersionsAsync(db, versions, ct), null));
    }

    private static async Task<Results<Ok<RegisteredModelDto>, ProblemHttpResult>> Get(Guid id, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        var model = await db.FindModelAsync(member, id, ct);
        return model is null ? Problems.NotFound("The model") : TypedResults.Ok((await ModelViews.ModelsAsync(db, [model], ct))[0]);
    }

    private static async Task<Results<Ok<RegisteredModelDto>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, UpdateModelRequest request, WorkspaceMember member, PlatformDb db, TimeProvider clock, CancellationToken ct)
    {
        if (request.Description is { Length: > RegisteredModel.MaxDescriptionLength })
            return new Validation().Add("description", $"Description must be at most {RegisteredModel.MaxDescriptionLength:N0} characters.").Problem();
        var model = await db.FindModelAsync(member, id, ct);
        if (model is null) return Problems.NotFound("The model");
        model.Describe(Blank(request.Description), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await ModelViews.ModelsAsync(db, [model], ct))[0]);
    }

    private static async Task<Results<Ok<Page<ModelVersionDto>>, ProblemHttpResult>> Versions(
        Guid id, string? cursor, int? limit, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        if (await db.FindModelAsync(member, id, ct) is null) return Problems.NotFound("The model");
        var page = await db.ModelVersions.AsNoTracking().Where(v => v.ModelId == id).ToPageAsync(cursor, limit, v => v.Id, newestFirst: true, ct);
        return TypedResults.Ok(new Page<ModelVersionDto>(await ModelViews.VersionsAsync(db, page.Items, ct), page.NextCursor));
    }

    private static async Task<Results<Ok<ModelVersionDto>, ProblemHttpResult>> GetVersion(Guid id, int number, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        var version = await FindVersionAsync(db, member, id, number, ct);
        return version is null ? Problems.NotFound("The model version") : TypedResults.Ok((await ModelViews.VersionsAsync(db, [version], ct))[0]);
    }

    private static async Task<Results<Ok<ModelVersionDto>, ValidationProblem, ProblemHttpResult>> UpdateVersion(
        Guid id, int number, UpdateModelVersionRequest request, WorkspaceMember member, PlatformDb db, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation();
        CheckVersionFields(validation, request.Description, request.Tags);
        if (!validation.IsValid) return validation.Problem();
        var version = await FindVersionAsync(db, member, id, number, ct);
        if (version is null) return Problems.NotFound("The model version");
        version.Describe(request.Description is null ? version.Description : Blank(request.Description),
            request.Tags is null ? null : ModelVersion.TagsJsonOf(request.Tags), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await ModelViews.VersionsAsync(db, [version], ct))[0]);
    }

    /// <summary>Refused (409) while an alias points at the version; its files go with it.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteVersion(
        Guid id, int number, WorkspaceMember member, PlatformDb db, IObjectStore store, TimeProvider clock, CancellationToken ct)
    {
        var model = await db.FindModelAsync(member, id, ct);
        var version = model is null ? null : await db.ModelVersions.SingleOrDefaultAsync(v => v.ModelId == id && v.Number == number, ct);
        if (version is null) return Problems.NotFound("The model version");
        var aliases = await db.ModelAliases.Where(a => a.VersionId == version.Id).Select(a => a.Name).ToListAsync(ct);
        if (aliases.Count > 0)
            return Problems.Conflict($"{model!.Name} v{number} is what {string.Join(", ", aliases)} point{(aliases.Count == 1 ? "s" : "")} at; move or remove the alias first.");
        var serving = await db.ModelEndpoints.Where(e => e.VersionId == version.Id).Select(e => e.Name).ToListAsync(ct);
        if (serving.Count > 0)
            return Problems.Conflict($"Endpoint{(serving.Count == 1 ? "" : "s")} {string.Join(", ", serving)} serve{(serving.Count == 1 ? "s" : "")} {model!.Name} v{number}; point {(serving.Count == 1 ? "it" : "them")} elsewhere first.");
        db.ModelVersions.Remove(version);
        db.Audit(clock, "model.version-deleted", member.WorkspaceId, await db.Users.FindAsync([member.UserId], ct), $"{model!.Name} v{number}");
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Problems.Conflict($"An alias or endpoint was pointed at {model.Name} v{number} meanwhile; move it first."); }
        await store.DeleteAsync(version.PackageKey, CancellationToken.None);
        if (version.EvaluationKey is { } evaluation) await store.DeleteAsync(evaluation, CancellationToken.None);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Package(Guid id, int number, WorkspaceMember member, PlatformDb db, IObjectStore store, CancellationToken ct)
    {
        var version = await FindVersionAsync(db, member, id, number, ct);
        if (version is null || await store.TryOpenReadAsync(version.PackageKey, ct) is not { } stream) return Problems.NotFound("The model version");
        var name = await db.RegisteredModels.Where(m => m.Id == id).Select(m => m.Name).SingleAsync(ct);
        return TypedResults.Stream(stream, "application/zip", $"{FileNames.Safe(name, "model")}-v{number}.zip");
    }

    private static Task<ModelVersion?> FindVersionAsync(PlatformDb db, WorkspaceMember member, Guid id, int number, CancellationToken ct) =>
        db.ModelVersions.SingleOrDefaultAsync(v => v.ModelId == id && v.Number == number && v.WorkspaceId == member.WorkspaceId, ct);

    private static void CheckVersionFields(Validation validation, string? description, IReadOnlyDictionary<string, string>? tags)
    {
        if (description is { Length: > ModelVersion.MaxDescriptionLength })
            validation.Add("description", $"Description must be at most {ModelVersion.MaxDescriptionLength:N0} characters.");
        if (tags is null) return;
        if (tags.Count > ModelVersion.MaxTags) validation.Add("tags", $"A version carries at most {ModelVersion.MaxTags} tags.");
        foreach (var (key, value) in tags.Take(ModelVersion.MaxTags + 1))
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > ModelVersion.MaxTagKeyLength)
                validation.Add("tags", $"A tag's name is 1 to {ModelVersion.MaxTagKeyLength} characters.");
            if (value is null || value.Length > ModelVersion.MaxTagValueLength)
                validation.Add("tags", $"Tag '{Clip(key)}' needs a value of at most {ModelVersion.MaxTagValueLength} characters.");
        }
    }

    private static string Clip(string? text) => text is { Length: > 40 } ? text[..40] + "…" : text ?? "";

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
