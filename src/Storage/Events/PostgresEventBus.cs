using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Contracts;

namespace Platform.Storage.Events;

/// <summary>
/// NOTIFY on publish; a background listener LISTENs and delivers to local subscribers (its own events included),
/// reconnecting after a lost connection.
/// </summary>
public sealed class PostgresEventBus(NpgsqlDataSource dataSource, Subscribers subscribers, ILogger<PostgresEventBus> logger)
    : BackgroundService, IEventBus
{
    public const string Channel = "platform_events";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task PublishAsync(LiveEventDto e, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("SELECT pg_notify(@channel, @payload)");
        cmd.Parameters.AddWithValue("channel", Channel);
        cmd.Parameters.AddWithValue("payload", JsonSerializer.Serialize(e, Json));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public IDisposable Subscribe(Func<LiveEventDto, Task> handler) => subscribers.Add(handler);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, args) =>
                {
                    var e = JsonSerializer.Deserialize<LiveEventDto>(args.Payload, Json);
                    if (e is not null) _ = subscribers.DeliverAsync(e);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Live event listener lost its connection; retrying in 2 s");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
