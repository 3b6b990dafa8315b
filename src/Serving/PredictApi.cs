using Microsoft.Extensions.Options;
using Platform.Ml;

namespace Platform.Serving;

/// <summary>
/// The serving role's routes: POST /serve/{workspace}/{endpoint}/predict and the endpoint's own OpenAPI description.
/// Requests for one endpoint are batched together (<see cref="DynamicBatcher"/>).
/// </summary>
public static class PredictApi
{
    public static IEndpointRouteBuilder MapServing(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/serve/{workspaceId:guid}/{endpoint}").WithTags("Serving");
        group.MapPost("/predict", Predict);
        group.MapGet("/openapi.json", Describe);
        return app;
    }

    private static async Task<IResult> Predict(Guid workspaceId, string endpoint, HttpContext http, PlatformDb db, ModelHost host,
        EndpointKeyCache keys, EndpointMonitor monitor, IOptions<ServingOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var served = host.Find(workspaceId, endpoint);
        var (endpointId, denied) = await ServingAccess.CheckAsync(http, db, keys, served, workspaceId, endpoint, clock, ct);
        if (denied is not null) return denied;
        if (served is null || served.EndpointId != endpointId) return await NotServingAsync(http, db, endpointId!.Value, ct);
        var (result, failure, labels) = (default(IResult), EndpointMonitor.Error, Enumerable.Empty<string?>());
        try
        {
            (result, failure, labels) = await AnswerAsync(http, served, options.Value, ct);
            return result;
        }
        finally
        {
            monitor.Record(served, failure, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, labels);
        }

        async Task<(IResult, string?, IEnumerable<string?>)> AnswerAsync(HttpContext http, ServedModel served, ServingOptions limits, CancellationToken ct)
        {
            var (inputs, problem) = await PredictReader.ReadAsync(http.Request, served.Manifest, limits, ct);
            if (problem is not null) return (problem, EndpointMonitor.InvalidInput, []);
            for (var attempt = 0; ; attempt++)
            {
                var (predictions, refusal) = served.Batcher.TryEnqueue(inputs!);
                if (predictions is not null)
                {
                    try
                    {
                        var answers = await predictions.WaitAsync(ct);
                        return (TypedResults.Ok(new PredictResponse(served.EndpointName, served.ModelName, served.Version,
                            [.. answers.Select(p => new PredictionDto(p.Label, p.Confidence, p.Probabilities, p.Value))])), null, answers.Select(a => a.Label));
                    }
                    catch (Exception e) when (e is MlValidationException or InvalidOperationException)
                    {
                        return (ServingProblems.BadInput(e.Message), EndpointMonitor.InvalidInput, []);
                    }
                }
                if (refusal == DynamicBatcher.Refusal.Full)
                    return (ServingProblems.Unavailable(http, "The endpoint is busy.",
                        $"{served.Batcher.Queued:N0} instances are waiting already, the most it queues; try again in a moment.", 1), EndpointMonitor.Busy, []);
                // A new version replaced this one while the request was read: send it there.
                served = host.Find(workspaceId, endpoint) ?? served;
                if (attempt == 3) return (await NotServingAsync(http, db, endpointId!.Value, ct), EndpointMonitor.Busy, []);
            }
        }
    }

    private static async Task<IResult> Describe(Guid workspaceId, string endpoint, HttpContext http, PlatformDb db, ModelHost host,
        EndpointKeyCache keys, IOptions<ServingOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var served = host.Find(workspaceId, endpoint);
        var (endpointId, denied) = await ServingAccess.CheckAsync(http, db, keys, served, workspaceId, endpoint, clock, ct);
        if (denied is not null) return denied;
        return served?.EndpointId != endpointId
            ? await NotServingAsync(http, db, endpointId!.Value, ct)
            : TypedResults.Text(EndpointOpenApi.Describe(served!, options.Value), "application/json");
    }

    private static async Task<IResult> NotServingAsync(HttpContext http, PlatformDb db, Guid endpointId, CancellationToken ct)
    {
        var endpoint = await db.ModelEndpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == endpointId, ct);
        return endpoint is null ? ServingProblems.NotFound() : NotServing(http, endpoint);
    }

    private static IResult NotServing(HttpContext http, ModelEndpoint endpoint) => endpoint.Status switch
    {
        EndpointStatus.Failed => ServingProblems.Unavailable(http, "The endpoint failed to load its model.", endpoint.Error ?? "", 30),
        EndpointStatus.Deploying => ServingProblems.Unavailable(http, "The endpoint is loading its model.", "Try again in a moment.", 2),
        _ => ServingProblems.Unavailable(http, "The endpoint is not served here yet.", "This server process has not loaded the endpoint yet; try again in a moment.", 2),
    };
}
