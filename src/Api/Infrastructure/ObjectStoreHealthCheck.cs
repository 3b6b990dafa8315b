using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Storage.Objects;

namespace Platform.Api.Infrastructure;

public sealed class ObjectStoreHealthCheck(IObjectStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await store.CheckAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The object store cannot be written or read.", ex);
        }
    }
}
