using System.Net;
using System.Security.Cryptography;
using Platform.Cli.Infrastructure;
using Platform.Contracts;
using Spectre.Console;

namespace Platform.Cli.Push;

/// <summary>Uploads a file in chunks, resuming the upload its state file names when there is one.</summary>
public sealed class ResumableUpload(PlatformClient client, Uri server, Guid workspace, Output output)
{
    public sealed record Result(UploadDto Upload, long ResumedAt);

    public async Task<Result> RunAsync(PushSource source, string key, int chunkBytes, long? bytesPerSecond, CancellationToken ct)
    {
        var file = source.FileToUpload(PushState.PackedPathFor(key), output);
        var state = await ResumeAsync(PushState.Load(key), ct);
        long resumedAt = 0;
        if (state is null)
        {
            var size = new FileInfo(file).Length;
            output.Note($"Hashing {Path.GetFileName(file)} ({ByteSize.Format(size)})…");
            string sha;
            await using (var read = File.OpenRead(file)) sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(read, ct));
            var created = await client.CreateUploadAsync(workspace, new CreateUploadRequest(source.Name, size, sha), ct);
            state = new PushState(server.ToString(), workspace, source.Path, file, size, sha, created.Id, 0);
            state.Save(key);
        }
        else
        {
            resumedAt = state.ReceivedBytes;
            output.Note($"Resuming upload {state.UploadId} at {ByteSize.Format(state.ReceivedBytes)} of {ByteSize.Format(state.Size)}.");
        }

        await using Stream content = bytesPerSecond is { } rate ? new ThrottledStream(File.OpenRead(file), rate) : File.OpenRead(file);
        var saved = state;
        void Confirmed(long received)
        {
            saved = saved with { ReceivedBytes = received };
            saved.Save(key);
        }
        var upload = await WithProgressAsync(state, report => client.UploadAsync(workspace, content, source.Name, state.UploadId,
            new SyncProgress(received => { Confirmed(received); report(received); }), chunkBytes, ct));
        Confirmed(upload.ReceivedBytes);
        return new Result(upload, resumedAt);
    }

    /// <summary>The saved upload if the server still has it (it forgets unfinished uploads after a while).</summary>
    private async Task<PushState?> ResumeAsync(PushState? state, CancellationToken ct)
    {
        if (state is null) return null;
        try
        {
            var upload = await client.GetUploadAsync(workspace, state.UploadId, ct);
            return state with { ReceivedBytes = upload.ReceivedBytes };
        }
        catch (PlatformApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            output.Note($"The server no longer has upload {state.UploadId}; starting over.");
            return null;
        }
    }

    private async Task<UploadDto> WithProgressAsync(PushState state, Func<Action<long>, Task<UploadDto>> upload)
    {
        if (output.IsJson || !output.Messages.Profile.Capabilities.Interactive)
        {
            // Logs (CI, a pipe) get a line every tenth of the way instead of a bar.
            var tenths = state.ReceivedBytes * 10 / Math.Max(1, state.Size);
            return await upload(received =>
            {
                var now = received * 10 / Math.Max(1, state.Size);
                if (now <= tenths) return;
                tenths = now;
                output.Note($"Uploaded {ByteSize.Format(received)} of {ByteSize.Format(state.Size)} ({now * 10}%).");
            });
        }
        UploadDto result = null!;
        await output.Messages.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Uploading", maxValue: state.Size);
                task.Value = state.ReceivedBytes;
                result = await upload(received => task.Value = received);
                task.Value = state.Size;
            });
        return result;
    }

    /// <summary>Reports on the uploading thread (Progress&lt;T&gt; would post to the thread pool, after the state file is needed).</summary>
    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
