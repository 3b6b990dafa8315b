using System.Security.Cryptography;
using Platform.Contracts;

namespace Platform.Api.Tests.Backup;

/// <summary>
/// Everything a workspace's owner can read through the API, one line per thing: datasets, versions, every item with
/// the SHA-256 of its file, runs with their model package, registered model versions, uploads. Two instances with
/// the same lines hold the same data.
/// </summary>
public static class InstanceSnapshot
{
    public static async Task<List<string>> TakeAsync(PlatformClient client, Guid ws, IEnumerable<Guid> uploadIds, CancellationToken ct)
    {
        var lines = new List<string>();
        foreach (var dataset in (await client.ListDatasetsAsync(ws, limit: 100, ct: ct)).Items)
        {
            lines.Add($"dataset {dataset.Id} {dataset.Name} versions={dataset.VersionCount}");
            foreach (var version in (await client.ListVersionsAsync(ws, dataset.Id, limit: 100, ct: ct)).Items)
            {
                lines.Add($"version {dataset.Name} v{version.Number} items={version.ItemCount} bytes={version.TotalBytes} manifest={version.ManifestSha256}");
                foreach (var item in await client.AllItemsAsync(ws, dataset.Id, version.Number, ct))
                {
                    if (item.Cells is not null)
                    {
                        lines.Add($"row {dataset.Name} v{version.Number} {item.Path} {item.Label} {item.Split} {string.Join('|', item.Cells)}");
                        continue;
                    }
                    using var content = await client.Http.GetAsync(PlatformClient.ItemContentUrl(ws, dataset.Id, version.Number, item.Id), ct);
                    var sha = content.IsSuccessStatusCode ? Convert.ToHexStringLower(SHA256.HashData(await content.Content.ReadAsByteArrayAsync(ct))) : $"HTTP {(int)content.StatusCode}";
                    lines.Add($"item {dataset.Name} v{version.Number} {item.Path} {item.Label} {item.Split} {item.Size} {sha}");
                }
            }
        }
        foreach (var experiment in (await client.ListExperimentsAsync(ws, limit: 100, ct: ct)).Items)
            foreach (var summary in (await client.ListRunsAsync(ws, experiment.Id, limit: 100, ct: ct)).Items)
            {
                var run = await client.GetRunAsync(ws, summary.Id, ct);
                using var package = await client.DownloadRunModelAsync(ws, run.Id, ct);
                var sha = Convert.ToHexStringLower(SHA256.HashData(await package.Content.ReadAsByteArrayAsync(ct)));
                lines.Add($"run {experiment.Name} {run.Name} {run.Status} score={run.Score} step={run.Step} package={sha}");
            }
        foreach (var model in (await client.ListModelsAsync(ws, limit: 100, ct: ct)).Items)
            foreach (var version in (await client.ListModelVersionsAsync(ws, model.Id, limit: 100, ct: ct)).Items)
            {
                using var package = await client.DownloadModelPackageAsync(ws, model.Id, version.Number, ct);
                var sha = Convert.ToHexStringLower(SHA256.HashData(await package.Content.ReadAsByteArrayAsync(ct)));
                lines.Add($"model {model.Name} v{version.Number} {version.PackageSha256} downloaded={sha}");
            }
        foreach (var id in uploadIds)
        {
            var upload = await client.GetUploadAsync(ws, id, ct);
            lines.Add($"upload {upload.FileName} {upload.State} {upload.Size} {upload.Sha256}");
        }
        return lines;
    }
}
