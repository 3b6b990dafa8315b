using System.Diagnostics;
using Platform.Contracts;

namespace Platform.Bench.Datasets;

/// <summary>A plain disk copy of a file of random bytes, then the same file through the chunked upload API.</summary>
internal static class UploadThroughput
{
    private const int CopyBuffer = 1 << 20;
    private const int ChunkBytes = 8 << 20;

    public static async Task<IReadOnlyList<BenchRow>> RunAsync(BenchWorkspace workspace, string scratch, int mib)
    {
        var size = (long)mib << 20;
        var source = Path.Combine(scratch, "random.bin");
        var sha = BenchFiles.WriteRandom(source, size);
        var rows = new List<BenchRow>();
        try
        {
            double copy;
            try
            {
                copy = MBps(size, Copy(source, Path.Combine(scratch, "random-copy.bin")));
                rows.Add(new BenchRow($"disk copy, {mib:N0} MiB", copy, "MB/s", "FileStream read → write, 1 MiB buffer, Flush(true)"));
            }
            finally { File.Delete(Path.Combine(scratch, "random-copy.bin")); }

            double upload;
            try
            {
                var (seconds, id, serverSha) = await UploadAsync(workspace, source, size);
                upload = MBps(size, seconds);
                if (serverSha != sha) throw new InvalidOperationException($"the server's SHA-256 {serverSha} is not the file's {sha}");
                rows.Add(new BenchRow($"upload through the API, {mib:N0} MiB", upload, "MB/s", $"{ChunkBytes >> 20} MiB chunks, sequential; SHA-256 checked"));
                await workspace.Client.DeleteUploadAsync(workspace.Id, id);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                rows.Add(FailedRow.Of($"upload through the API, {mib:N0} MiB", "MB/s", e));
                return rows;
            }
            rows.Add(new BenchRow("upload / disk copy", upload / copy, "ratio", ""));
        }
        finally { File.Delete(source); }
        return rows;
    }

    private static double MBps(long bytes, double seconds) => bytes / 1e6 / seconds;

    private static double Copy(string from, string to)
    {
        var clock = Stopwatch.StartNew();
        var buffer = new byte[CopyBuffer];
        using (var input = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.Read, 1))
        using (var output = new FileStream(to, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
        {
            int read;
            while ((read = input.Read(buffer)) > 0) output.Write(buffer, 0, read);
            output.Flush(flushToDisk: true);
        }
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Create (no SHA declared), 8 MiB chunks read from the file and sent one after another, complete.</summary>
    private static async Task<(double Seconds, Guid Id, string? Sha256)> UploadAsync(BenchWorkspace workspace, string path, long size)
    {
        var (client, ws) = (workspace.Client, workspace.Id);
        var buffer = new byte[ChunkBytes];
        var clock = Stopwatch.StartNew();
        var upload = await client.CreateUploadAsync(ws, new CreateUploadRequest(Path.GetFileName(path), size));
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous))
        {
            for (long offset = 0; offset < size;)
            {
                var read = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false);
                upload = await client.SendChunkAsync(ws, upload.Id, offset, buffer.AsMemory(0, read));
                offset += read;
            }
        }
        upload = await client.CompleteUploadAsync(ws, upload.Id);
        return (clock.Elapsed.TotalSeconds, upload.Id, upload.Sha256);
    }
}
