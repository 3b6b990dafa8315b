using Platform.Datasets.Images;
using Platform.Api.Datasets;
using Platform.Storage.Objects;

namespace Platform.Api.Endpoints;

/// <summary>Immutable versions: list, browse items (keyset pages with filters, a jump to a position, a mixed order), content and thumbnails, statistics, diff.</summary>
public static class DatasetVersionsApi
{
    private const int MaxSearchLength = 200;

    public static IEndpointRouteBuilder MapDatasetVersionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceGroup().MapGroup("/datasets/{datasetId:guid}/versions").WithTags("Dataset versions");
        group.MapGet("", List);
        group.MapGet("/{number:int}", Get);
        group.MapGet("/{number:int}/items", Items);
        group.MapGet("/{number:int}/items/{itemId:guid}", Item);
        group.MapGet("/{number:int}/items/{itemId:guid}/content", Content);
        group.MapGet("/{number:int}/items/{itemId:guid}/thumbnail", Thumbnail);
        group.MapGet("/{number:int}/stats", Stats);
        group.MapGet("/{number:int}/diff", Diff);
        return app;
    }

    private static async Task<Results<Ok<Page<DatasetVersionDto>>, ProblemHttpResult>> List(
        Guid datasetId, string? cursor, int? limit, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        if (await db.FindDatasetAsync(member, datasetId, ct) is null) return Problems.NotFound("The dataset");
        var page = await db.DatasetVersions.AsNoTracking().Where(v => v.DatasetId == datasetId && v.WorkspaceId == member.WorkspaceId)
            .ToPageAsync(cursor, limit, v => v.Id, newestFirst: true, ct);
        return TypedResults.Ok(new Page<DatasetVersionDto>(page.Items.Select(v => v.ToDto()).ToList(), page.NextCursor));
    }

    private static async Task<Results<Ok<DatasetVersionDto>, ProblemHttpResult>> Get(
        Guid datasetId, int number, WorkspaceMember member, PlatformDb db, CancellationToken ct) =>
        await db.FindVersionAsync(member, datasetId, number, ct) is { } version ? TypedResults.Ok(version.ToDto()) : Problems.NotFound("The version");

    private static async Task<Results<Ok<Page<DatasetItemDto>>, ValidationProblem, ProblemHttpResult>> Items(
        Guid datasetId, int number, string? label, DatasetSplit? split, string? search, ItemOrder? order, int? position, string? cursor, int? limit,
        WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        var validation = new Validation();
        if (search is { Length: > MaxSearchLength }) validation.Add("search", $"Search may be at most {MaxSearchLength} characters.");
        if (position < 0) validation.Add("position", "The position counts from 0; it cannot be negative.");
        if (position is not null && cursor is not null) validation.Add("position", "Give a position or a cursor, not both.");
        if (!validation.IsValid) return validation.Problem();
        var version = await db.FindVersionAsync(member, datasetId, number, ct);
        if (version is null) return Problems.NotFound("The version");
        var filter = new ItemFilter(string.IsNullOrEmpty(label) ? null : label, split, string.IsNullOrWhiteSpace(search) ? null : search.Trim());
        var query = filter.Apply(db.DatasetItems.AsNoTracking().Where(i => i.VersionId == version.Id));
        var page = order == ItemOrder.Mixed
            ? await ItemPages.MixedAsync(db, version.Id, filter, cursor, position, limit, ct)
            : await ItemPages.PathAsync(query, cursor, position, limit, ct);
        if (page is null)
        {
            var count = await query.CountAsync(ct);
            return new Validation().Add("position", count == 0 ? $"No items match, so there is no position {position}."
                : $"Position {position} is past the end: {count} items match, so the last position is {count - 1}.").Problem();
        }
        var isTable = version.Kind == DatasetKind.Table;
        return TypedResults.Ok(new Page<DatasetItemDto>(page.Items.Select(i => i.ToDto(isTable)).ToList(), page.NextCursor));
    }

    private static async Task<Results<Ok<DatasetItemDto>, ProblemHttpResult>> Item(
        Guid datasetId, int number, Guid itemId, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        var (version, item) = await FindItemAsync(db, member, datasetId, number, itemId, ct);
        return item is null ? Problems.NotFound("The item") : TypedResults.Ok(item.ToDto(version!.Kind == DatasetKind.Table));
    }

    private static async Task<IResult> Content(
        Guid datasetId, int number, Guid itemId, WorkspaceMember member, PlatformDb db, IObjectStore store, CancellationToken ct)
    {
        var (_, item) = await FindItemAsync(db, member, datasetId, number, itemId, ct);
        if (item?.Sha256 is null) return Problems.NotFound("The item's file");
        var (content, image) = await OpenSniffedAsync(store, member.WorkspaceId, item.Sha256, ct);
        var tag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{item.Sha256}\"");
        return image is not null
            ? TypedResults.Stream(content, image, entityTag: tag)
            : TypedResults.Stream(content, "application/octet-stream", item.FileName, entityTag: tag);
    }

    /// <summary>
    /// The item's file and its image type. The type comes from the bytes, never from the name an uploaded annotation
    /// file gave them: an image is shown as the image it is, anything else is a download (and API responses are
    /// sandboxed, see SecurityHeaders).
    /// </summary>
    private static async Task<(Stream Content, string? ImageType)> OpenSniffedAsync(IObjectStore store, Guid workspaceId, string sha256, CancellationToken ct)
    {
        var stream = await store.OpenReadAsync(StoredBlob.Key(workspaceId, sha256), ct);
        var header = new byte[ImageFormats.HeaderBytes];
        var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct);
        return (new PrefixedStream(header.AsMemory(0, read), stream), ImageFormats.ContentType(ImageFormats.Sniff(header.AsSpan(0, read))));
    }

    private static async Task<IResult> Thumbnail(
        Guid datasetId, int number, Guid itemId, HttpContext http, WorkspaceMember member, PlatformDb db, IObjectStore store, CancellationToken ct)
    {
        var (_, item) = await FindItemAsync(db, member, datasetId, number, itemId, ct);
        if (item?.Sha256 is null) return Problems.NotFound("The item's thumbnail");
        // Thumbnails are content-addressed: the same URL always gives the same bytes for this item.
        var thumbnail = await store.TryOpenReadAsync(StoredBlob.ThumbnailKey(member.WorkspaceId, item.Sha256), ct);
        if (thumbnail is not null)
        {
            http.Response.Headers.CacheControl = "private, max-age=86400, immutable";
            return TypedResults.Stream(thumbnail, "image/jpeg");
        }
        // An image no larger than a thumbnail is its own (the import stored none).
        if (item.Width is not (> 0 and <= StoredBlob.ThumbnailSide) || item.Height is not (> 0 and <= StoredBlob.ThumbnailSide))
            return Problems.NotFound("The item's thumbnail");
        var (content, image) = await OpenSniffedAsync(store, member.WorkspaceId, item.Sha256, ct);
        if (image is null)
        {
            await content.DisposeAsync();
            return Problems.NotFound("The item's thumbnail");
        }
        http.Response.Headers.CacheControl = "private, max-age=86400, immutable";
        return TypedResults.Stream(content, image);
    }

    private static async Task<Results<Ok<DatasetStatsDto>, ProblemHttpResult>> Stats(
        Guid datasetId, int number, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        var version = await db.FindVersionAsync(member, datasetId, number, ct);
        if (version is null) return Problems.NotFound("The version");
        var summary = VersionSummary.FromJson(version.SummaryJson);
        return TypedResults.Ok(new DatasetStatsDto(summary.ClassCounts, summary.Splits, WithoutEmptyEnds(summary.ImageSizes), summary.Columns));
    }

    private static async Task<Results<Ok<VersionDiffDto>, ValidationProblem, ProblemHttpResult>> Diff(
        Guid datasetId, int number, int? from, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        if (from is null) return new Validation().Add("from", "Give the version to compare with (?from=N).").Problem();
        var to = await db.FindVersionAsync(member, datasetId, number, ct);
        var older = await db.FindVersionAsync(member, datasetId, from.Value, ct);
        if (to is null || older is null) return Problems.NotFound("The version");
        return TypedResults.Ok(await VersionDiff.ComputeAsync(db, older, to, ct));
    }

    /// <summary>Versions made before the bins followed the sizes have fixed bins, often empty at both ends.</summary>
    private static List<HistogramBinDto> WithoutEmptyEnds(IReadOnlyList<HistogramBinDto> bins)
    {
        var first = bins.ToList().FindIndex(b => b.Count > 0);
        var last = bins.ToList().FindLastIndex(b => b.Count > 0);
        return first < 0 ? [] : bins.Skip(first).Take(last - first + 1).ToList();
    }

    private static async Task<(DatasetVersion?, DatasetItem?)> FindItemAsync(
        PlatformDb db, WorkspaceMember member, Guid datasetId, int number, Guid itemId, CancellationToken ct)
    {
        var version = await db.FindVersionAsync(member, datasetId, number, ct);
        if (version is null) return (null, null);
        return (version, await db.DatasetItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == itemId && i.VersionId == version.Id, ct));
    }
}
