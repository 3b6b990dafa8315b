namespace Platform.Api.Endpoints;

/// <summary>Lets a member check the live path end to end: the event goes through the bus to every open portal of the workspace.</summary>
public static class EventsApi
{
    public sealed record TestEventRequest(string? Message);

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapWorkspaceGroup().MapPost("/events/test", SendTest).WithTags("Live events").RequireWorkspaceRole(WorkspaceRole.Member);
        return app;
    }

    private static async Task<Results<Accepted, ValidationProblem>> SendTest(
        TestEventRequest request, WorkspaceMember member, IEventBus events, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation().Require("message", request.Message, 200, "Message");
        if (!validation.IsValid) return validation.Problem();
        await events.PublishAsync(new LiveEventDto(LiveEvents.TestEvent, member.WorkspaceId, null, request.Message!.Trim(), clock.GetUtcNow()), ct);
        return TypedResults.Accepted((string?)null);
    }
}
