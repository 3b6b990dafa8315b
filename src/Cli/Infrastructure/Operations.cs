using Platform.Contracts;

namespace Platform.Cli.Infrastructure;

/// <summary>Waits for an import or export the server runs as an operation.</summary>
public static class Operations
{
    public static async Task<OperationDto> WaitAsync(PlatformClient client, OperationDto operation, Output output, CancellationToken ct)
    {
        output.Note($"Waiting for the {operation.Kind} operation {operation.Id}…");
        while (operation.State is OperationState.Queued or OperationState.Running)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
            operation = await client.GetOperationAsync(operation.WorkspaceId, operation.Id, ct);
        }
        if (operation.State != OperationState.Succeeded)
            throw CliException.RemoteFailed($"The {operation.Kind} operation {operation.Id} {operation.State.ToString().ToLowerInvariant()}: {operation.Message}");
        return operation;
    }
}
