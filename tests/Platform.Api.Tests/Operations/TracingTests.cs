using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Platform.Contracts;
using Platform.Shared;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Operations;

/// <summary>
/// With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, the server sends its traces by OTLP: request spans and a span per
/// operation carrying its id. A small HTTP listener stands in for the collector.
/// </summary>
public sealed class TracingTests
{
    [Fact]
    public async Task RequestsAndOperationsReachTheCollectorWithTheOperationId()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var collector = OtlpCollector.Start();
        await using var app = new TracedApp(collector.Address);
        var admin = await app.AdminAsync();
        var ws = (await admin.CreateWorkspaceAsync(new CreateWorkspaceRequest("Traces"), ct)).Id;
        var (_, import) = await admin.ImportAsync(ws, DatasetFixtures.ShapesZip(2), "shapes.zip", ct);

        // The import's own span: its id, kind and outcome together; and the requests that started it.
        await collector.UntilReceivedAsync(ct, "operation.id", import.Id.ToString(), "operation.kind", "import-dataset", "operation.outcome");
        await collector.UntilReceivedAsync(ct, "url.path", $"/api/workspaces/{ws}/datasets", "POST");
    }

    private sealed class TracedApp(Uri collector) : PlatformApp(DatabaseProvider.Sqlite)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", collector.ToString().TrimEnd('/'));
            builder.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            builder.UseSetting("OTEL_BSP_SCHEDULE_DELAY", "200");
        }
    }

    /// <summary>Accepts OTLP/HTTP posts and keeps their bodies (protobuf keeps strings as UTF-8, so they can be searched).</summary>
    private sealed class OtlpCollector : IAsyncDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<string> _bodies = new();
        private readonly Task _loop;

        private OtlpCollector()
        {
            Address = new Uri($"http://127.0.0.1:{ServerLauncher.FreePort()}/");
            _listener.Prefixes.Add(Address.ToString());
            _listener.Start();
            _loop = Task.Run(AcceptAsync);
        }

        public Uri Address { get; }

        public static OtlpCollector Start() => new();

        /// <summary>Waits for one export that carries every one of <paramref name="texts"/>.</summary>
        public async Task UntilReceivedAsync(CancellationToken ct, params string[] texts)
        {
            for (var deadline = DateTime.UtcNow.AddMinutes(2); !_bodies.Any(b => texts.All(t => b.Contains(t, StringComparison.Ordinal))); await Task.Delay(100, ct))
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"No export carried {string.Join(", ", texts)}; {_bodies.Count} received.");
        }

        private async Task AcceptAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException) { return; }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                if (context.Request.Url?.AbsolutePath == "/v1/traces") _bodies.Enqueue(Encoding.Latin1.GetString(body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            await _loop;
            _listener.Close();
        }
    }
}
