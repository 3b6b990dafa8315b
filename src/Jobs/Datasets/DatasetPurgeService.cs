using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Jobs.Datasets;

/// <summary>Runs the purger a minute after a worker starts and then every hour.</summary>
public sealed class DatasetPurgeService(IServiceScopeFactory scopes, ILogger<DatasetPurgeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
            do
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var result = await scope.ServiceProvider.GetRequiredService<DatasetPurger>().PurgeAsync(stoppingToken);
                    if (result.Datasets + result.Blobs + result.Uploads > 0)
                        logger.LogInformation("Purged {Datasets} datasets, {Blobs} blobs ({Bytes} bytes), {Uploads} expired uploads",
                            result.Datasets, result.Blobs, result.Bytes, result.Uploads);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Purging deleted datasets failed; trying again in an hour");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) { }
    }
}
