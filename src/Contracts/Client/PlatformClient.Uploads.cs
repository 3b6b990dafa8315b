using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Platform.Contracts;

public sealed partial class PlatformClient
{
    public const int DefaultChunkBytes = 8 * 1024 * 1024;

    public Task<UploadDto> CreateUploadAsync(Guid ws, CreateUploadRequest request, CancellationToken ct = default) =>
        SendAsync<UploadDto>(HttpMethod.Post, $"api/workspaces/{ws}/uploads", request, ct);

    public Task<UploadDto> GetUploadAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        GetAsync<UploadDto>($"api/workspaces/{ws}/uploads/{id}", ct);

    public static string UploadChunkUrl(Guid ws, Guid id, long offset) => $"api/workspaces/{ws}/uploads/{id}/content?offset={offset}";

    /// <summary>Sends bytes at <paramref name="offset"/>, which must equal the upload's ReceivedBytes.</summary>
    public async Task<UploadDto> SendChunkAsync(Guid ws, Guid id, long offset, ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        var request = Request(HttpMethod.Put, UploadChunkUrl(ws, id, offset));
        request.Content = new ReadOnlyMemoryContent(data);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await ReadAsync<UploadDto>(await http.SendAsync(request, ct), ct);
    }

    public Task<UploadDto> CompleteUploadAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        SendAsync<UploadDto>(HttpMethod.Post, $"api/workspaces/{ws}/uploads/{id}/complete", null, ct);

    public Task DeleteUploadAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"api/workspaces/{ws}/uploads/{id}", null, ct);

    /// <summary>
    /// Uploads a seekable stream in chunks, declaring its SHA-256. Pass <paramref name="resumeId"/> to continue an
    /// interrupted upload from where the server says it stopped. Reports bytes confirmed by the server.
    /// </summary>
    public async Task<UploadDto> UploadAsync(Guid ws, Stream content, string fileName, Guid? resumeId = null,
        IProgress<long>? progress = null, int chunkBytes = DefaultChunkBytes, CancellationToken ct = default)
    {
        UploadDto upload;
        if (resumeId is { } id) upload = await GetUploadAsync(ws, id, ct);
        else
        {
            content.Position = 0;
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, ct));
            upload = await CreateUploadAsync(ws, new CreateUploadRequest(fileName, content.Length, sha), ct);
        }
        var buffer = new byte[Math.Min(chunkBytes, upload.MaxChunkBytes)];
        while (upload.State == UploadState.Receiving && upload.ReceivedBytes < upload.Size)
        {
            content.Position = upload.ReceivedBytes;
            var read = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            upload = await SendChunkAsync(ws, upload.Id, upload.ReceivedBytes, buffer.AsMemory(0, read), ct);
            progress?.Report(upload.ReceivedBytes);
        }
        return upload.State == UploadState.Complete ? upload : await CompleteUploadAsync(ws, upload.Id, ct);
    }
}
