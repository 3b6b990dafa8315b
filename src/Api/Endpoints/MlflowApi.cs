using Platform.Api.Mlflow;

namespace Platform.Api.Endpoints;

/// <summary>
/// MLflow's REST tracking API 2.0, so MLflow clients log into a workspace unchanged (docs/tracking.md). Requests and
/// answers, errors included, are shaped as MLflow's server shapes them; the workspace comes from the caller's token.
/// </summary>
public static class MlflowApi
{
    public const string Prefix = "/api/2.0/mlflow";

    public static IEndpointRouteBuilder MapMlflowApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).WithTags("MLflow").AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (MlflowException ex)
            {
                return ex.ToResult();
            }
            catch (IllegalStateChangeException ex)
            {
                return MlflowException.InvalidParameter(ex.Message).ToResult();
            }
        });
        MlflowExperimentRoutes.Map(group);
        MlflowRunRoutes.Map(group);
        MlflowLoggingRoutes.Map(group);
        MlflowReadRoutes.Map(group);
        app.MapFallback(Prefix + "/{**rest}", (HttpContext http) =>
            new MlflowException("ENDPOINT_NOT_FOUND", $"No MLflow API endpoint {http.Request.Method} {http.Request.Path} on this server (see docs/tracking.md).", 404).ToResult())
            .ExcludeFromDescription();
        return app;
    }
}
