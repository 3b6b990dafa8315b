using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Platform.Storage.Data;
using Platform.Storage.Entities;
using Platform.Storage.Objects;

namespace Platform.Jobs.Operations;

/// <summary>Proves the whole path a real job uses: a worker picks it up, writes and reads the object store and the database.</summary>
public sealed class SystemCheckHandler(IObjectStore store, PlatformDb db) : IOperationHandler
{
    private const int ProbeBytes = 4 * 1024 * 1024;

    public string Kind => OperationKinds.SystemCheck;

    public async Task<string> RunAsync(Operation operation, IOperationReporter report, CancellationToken ct)
    {
        var key = $"system-check/{operation.Id}.bin";
        var data = RandomNumberGenerator.GetBytes(ProbeBytes);
        var started = DateTimeOffset.UtcNow;

        await report.ReportAsync(0.1, "Writing a 4 MiB probe to the object store", ct);
        await store.PutAsync(key, new MemoryStream(data), data.Length, "application/octet-stream", ct);

        await report.ReportAsync(0.4, "Reading the probe back", ct);
        await using (var read = await store.OpenReadAsync(key, ct))
        {
            var hash = await SHA256.HashDataAsync(read, ct);
            if (!hash.AsSpan().SequenceEqual(SHA256.HashData(data)))
                throw new InvalidOperationException("The object store returned different bytes than were written.");
        }

        await report.ReportAsync(0.7, "Listing and deleting the probe", ct);
        var listed = false;
        await foreach (var info in store.ListAsync("system-check/", ct)) listed |= info.Key == key && info.Size == ProbeBytes;
        await store.DeleteAsync(key, ct);
        if (!listed) throw new InvalidOperationException("The probe was not listed by the object store.");

        await report.ReportAsync(0.9, "Querying the database", ct);
        var workspaces = await db.Workspaces.CountAsync(ct);
        var elapsed = DateTimeOffset.UtcNow - started;
        return $"Object store and database are healthy ({workspaces} workspaces; round trip {elapsed.TotalMilliseconds:F0} ms).";
    }
}
