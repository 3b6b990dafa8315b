using System.IO.Compression;
using System.Text;
using Platform.Contracts;
using Platform.Datasets.Samples;
using Shouldly;
using SkiaSharp;

namespace Platform.Api.Tests;

/// <summary>Builds uploads in memory and drives an import through the real API.</summary>
public static class DatasetFixtures
{
    public static byte[] ShapesZip(int perClass = 10)
    {
        var output = new MemoryStream();
        SampleDatasets.WriteShapesZip(output, perClass);
        return output.ToArray();
    }

    public static byte[] DetectionZip(int images = 12)
    {
        var output = new MemoryStream();
        SampleDatasets.WriteDetectionZip(output, images);
        return output.ToArray();
    }

    public static byte[] TableCsv(int rows = 60)
    {
        var output = new MemoryStream();
        SampleDatasets.WriteTableCsv(output, rows);
        return output.ToArray();
    }

    public static byte[] Png(int width = 16, int height = 12, byte shade = 80)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(new SKColor(shade, 40, 200));
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    public static byte[] Zip(params (string Path, byte[] Content)[] entries)
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (path, content) in entries)
            {
                using var entry = zip.CreateEntry(path).Open();
                entry.Write(content);
            }
        return output.ToArray();
    }

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    public static async Task<UploadDto> UploadAsync(this PlatformClient client, Guid ws, byte[] content, string fileName, CancellationToken ct) =>
        await client.UploadAsync(ws, new MemoryStream(content), fileName, ct: ct);

    /// <summary>Creates a dataset, uploads and imports the file, and waits for the import to finish.</summary>
    public static async Task<(DatasetDto Dataset, OperationDto Import)> ImportAsync(this PlatformClient client, Guid ws, byte[] content, string fileName,
        CancellationToken ct, StartImportRequest? options = null, string? name = null)
    {
        var dataset = await client.CreateDatasetAsync(ws, new CreateDatasetRequest(name ?? fileName), ct);
        var import = await client.ImportIntoAsync(ws, dataset.Id, content, fileName, ct, options);
        return (await client.GetDatasetAsync(ws, dataset.Id, ct), import);
    }

    public static async Task<OperationDto> ImportIntoAsync(this PlatformClient client, Guid ws, Guid datasetId, byte[] content, string fileName,
        CancellationToken ct, StartImportRequest? options = null)
    {
        var upload = await client.UploadAsync(ws, content, fileName, ct);
        var started = await client.StartImportAsync(ws, datasetId, (options ?? new StartImportRequest([])) with { UploadIds = [upload.Id] }, ct);
        return await Wait.ForOperationAsync(client, ws, started.Id, ct, seconds: 120);
    }

    public static async Task<List<DatasetItemDto>> AllItemsAsync(this PlatformClient client, Guid ws, Guid datasetId, int number, CancellationToken ct)
    {
        var items = new List<DatasetItemDto>();
        string? cursor = null;
        do
        {
            var page = await client.ListItemsAsync(ws, datasetId, number, cursor: cursor, limit: Paging.MaxLimit, ct: ct);
            items.AddRange(page.Items);
            cursor = page.NextCursor;
        } while (cursor is not null);
        return items;
    }

    public static async Task<byte[]> ResultAsync(this PlatformClient client, Guid ws, OperationDto operation, CancellationToken ct)
    {
        operation.State.ShouldBe(OperationState.Succeeded, operation.Message);
        using var response = await client.DownloadOperationResultAsync(ws, operation.Id, ct);
        return await response.Content.ReadAsByteArrayAsync(ct);
    }

    public static void ShouldHaveSucceeded(this OperationDto operation) => operation.State.ShouldBe(OperationState.Succeeded, operation.Message);
}
