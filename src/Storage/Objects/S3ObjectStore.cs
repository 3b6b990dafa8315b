using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;

namespace Platform.Storage.Objects;

/// <summary>
/// Objects in one S3 bucket (MinIO, AWS, s3rver) through the Minio SDK. The bucket is created on first use.
/// Puts of unknown length go up as multipart uploads of 16 MiB parts (at most 50 GiB, the SDK's limit for
/// streams of unknown size); reads stream through a pipe, never holding the whole object in memory.
/// </summary>
public sealed class S3ObjectStore(S3ObjectStoreOptions options) : IObjectStore, IDisposable
{
    /// <summary>Keys under this prefix are probes written by <see cref="CheckAsync"/>; listings skip them.</summary>
    public const string HealthPrefix = ".platform-health/";

    private static readonly TimeSpan MaxExpiry = TimeSpan.FromDays(7);

    private readonly IMinioClient client = CreateClient(options);
    private readonly string bucket = options.Bucket;
    private readonly SemaphoreSlim bucketLock = new(1, 1);
    private volatile bool bucketReady;

    public async Task PutAsync(string key, Stream content, long? length = null, string? contentType = null, CancellationToken ct = default)
    {
        ObjectKey.Validate(key);
        await EnsureBucketAsync(ct);
        await client.PutObjectAsync(new PutObjectArgs()
            .WithBucket(bucket)
            .WithObject(key)
            .WithStreamData(content)
            .WithObjectSize(length ?? -1)
            .WithContentType(contentType ?? "application/octet-stream"), ct);

        // With an unknown size the SDK stops after its maximum part count without complaint; never keep a
        // silently truncated object.
        if (length is null && await content.ReadAsync(new byte[1], ct) > 0)
        {
            await DeleteAsync(key, ct);
            throw new InvalidDataException($"Object '{key}' is larger than the S3 store accepts for a stream of unknown length; pass the length.");
        }
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken ct = default)
    {
        ObjectKey.Validate(key);
        await EnsureBucketAsync(ct);

        // The SDK hands the body to a callback and closes it when the callback returns, so the callback copies
        // it into a pipe whose other end is the stream we return; the pipe's thresholds bound the memory used.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));
        var cancel = new CancellationTokenSource();
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Run(async () =>
        {
            try
            {
                // GetObjectAsync checks existence with a HEAD first, so "not found" arrives before the callback.
                // (Deleted between that HEAD and the GET, the SDK passes the error body to the callback and throws
                // afterwards: the reader then gets an exception at the end rather than a clean end of stream.)
                await client.GetObjectAsync(new GetObjectArgs()
                    .WithBucket(bucket)
                    .WithObject(key)
                    .WithCallbackStream(async (body, token) =>
                    {
                        opened.TrySetResult();
                        await body.CopyToAsync(pipe.Writer, token);
                    }), cancel.Token);
                await pipe.Writer.CompleteAsync();
            }
            catch (Exception e)
            {
                if (!opened.TrySetException(Translate(e, key)))
                    await pipe.Writer.CompleteAsync(e);
            }
        }, CancellationToken.None);

        try
        {
            await opened.Task.WaitAsync(ct);
        }
        catch
        {
            await cancel.CancelAsync();
            throw;
        }
        return new DownloadStream(pipe.Reader.AsStream(), cancel);
    }

    public async Task<ObjectInfo?> StatAsync(string key, CancellationToken ct = default)
    {
        ObjectKey.Validate(key);
        await EnsureBucketAsync(ct);
        try
        {
            var stat = await client.StatObjectAsync(new StatObjectArgs().WithBucket(bucket).WithObject(key), ct);
            return new ObjectInfo(key, stat.Size, ToUtc(stat.LastModified));
        }
        catch (Exception e) when (IsNotFound(e))
        {
            return null;
        }
    }

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken ct = default) =>
        ListCoreAsync(ObjectKey.ValidatePrefix(prefix), ct);

    private async IAsyncEnumerable<ObjectInfo> ListCoreAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        await EnsureBucketAsync(ct);
        var args = new ListObjectsArgs().WithBucket(bucket).WithPrefix(prefix).WithRecursive(true);
        await foreach (var item in client.ListObjectsEnumAsync(args, ct))
        {
            if (item.IsDir || item.Key.StartsWith(HealthPrefix, StringComparison.Ordinal))
                continue;
            yield return new ObjectInfo(item.Key, (long)item.Size,
                item.LastModifiedDateTime is { } modified ? ToUtc(modified) : DateTimeOffset.MinValue);
        }
    }

    public async Task DeleteAsync(string key, CancellationToken ct = default)
    {
        ObjectKey.Validate(key);
        await EnsureBucketAsync(ct);
        try
        {
            await client.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(bucket).WithObject(key), ct);
        }
        catch (Exception e) when (IsNotFound(e))
        {
        }
    }

    public async Task<Uri?> GetDownloadUrlAsync(string key, TimeSpan expiry, CancellationToken ct = default)
    {
        ObjectKey.Validate(key);
        if (expiry < TimeSpan.FromSeconds(1) || expiry > MaxExpiry)
            throw new ArgumentOutOfRangeException(nameof(expiry), expiry, "A download URL lives between 1 second and 7 days.");
        var url = await client.PresignedGetObjectAsync(new PresignedGetObjectArgs()
            .WithBucket(bucket)
            .WithObject(key)
            .WithExpiry((int)expiry.TotalSeconds));
        return new Uri(url);
    }

    public async Task CheckAsync(CancellationToken ct = default)
    {
        await EnsureBucketAsync(ct);
        var key = $"{HealthPrefix}{Guid.NewGuid():N}";
        var payload = Guid.NewGuid().ToByteArray();
        try
        {
            using (var upload = new MemoryStream(payload))
                await PutAsync(key, upload, payload.Length, ct: ct);
            using var read = new MemoryStream();
            await using (var download = await OpenReadAsync(key, ct))
                await download.CopyToAsync(read, ct);
            if (!read.ToArray().AsSpan().SequenceEqual(payload))
                throw new IOException($"S3 bucket '{bucket}' returned different bytes than were written.");
        }
        finally
        {
            await DeleteAsync(key, CancellationToken.None);
        }
    }

    public void Dispose()
    {
        client.Dispose();
        bucketLock.Dispose();
    }

    private async Task EnsureBucketAsync(CancellationToken ct)
    {
        if (bucketReady)
            return;
        await bucketLock.WaitAsync(ct);
        try
        {
            if (bucketReady)
                return;
            if (!await client.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket), ct))
            {
                try
                {
                    await client.MakeBucketAsync(new MakeBucketArgs().WithBucket(bucket), ct);
                }
                catch (Exception e) when (e.Message.Contains("BucketAlreadyOwnedByYou", StringComparison.Ordinal)
                                          || e.Message.Contains("BucketAlreadyExists", StringComparison.Ordinal))
                {
                    // another replica created it between our check and our create
                }
            }
            bucketReady = true;
        }
        finally
        {
            bucketLock.Release();
        }
    }

    private static IMinioClient CreateClient(S3ObjectStoreOptions options)
    {
        IMinioClient client = new MinioClient();
        client = Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? client.WithEndpoint(uri.Host, uri.Port).WithSSL(uri.Scheme == "https")
            : client.WithEndpoint(options.Endpoint).WithSSL(options.UseSsl);
        client = client.WithCredentials(options.AccessKey, options.SecretKey);
        if (!string.IsNullOrWhiteSpace(options.Region))
            client = client.WithRegion(options.Region);
        return client.Build();
    }

    private static bool IsNotFound(Exception e) =>
        e is Minio.Exceptions.ObjectNotFoundException or BucketNotFoundException
        || (e is ErrorResponseException error && error.Response?.Code is "NoSuchKey" or "NoSuchBucket");

    private static Exception Translate(Exception e, string key) => IsNotFound(e) ? new ObjectNotFoundException(key) : e;

    // The SDK parses HTTP dates into local time.
    private static DateTimeOffset ToUtc(DateTime time) =>
        time.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(time, TimeSpan.Zero) : new DateTimeOffset(time.ToUniversalTime());
}
