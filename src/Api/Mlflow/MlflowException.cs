namespace Platform.Api.Mlflow;

/// <summary>An error in MLflow's shape: <c>{"error_code": "...", "message": "..."}</c> with MLflow's HTTP status.</summary>
public sealed class MlflowException(string errorCode, string message, int status) : Exception(message)
{
    public const string InvalidParameterValue = "INVALID_PARAMETER_VALUE";
    public const string ResourceDoesNotExist = "RESOURCE_DOES_NOT_EXIST";
    public const string ResourceAlreadyExists = "RESOURCE_ALREADY_EXISTS";
    public const string PermissionDenied = "PERMISSION_DENIED";
    public const string Unauthenticated = "UNAUTHENTICATED";

    public string ErrorCode { get; } = errorCode;
    public int Status { get; } = status;

    public static MlflowException InvalidParameter(string message) => new(InvalidParameterValue, message, 400);

    public static MlflowException NotFound(string message) => new(ResourceDoesNotExist, message, 404);

    // MLflow answers a duplicate with 400, not 409.
    public static MlflowException AlreadyExists(string message) => new(ResourceAlreadyExists, message, 400);

    public static MlflowException Denied(string message) => new(PermissionDenied, message, 403);

    public static MlflowException NotSignedIn() =>
        new(Unauthenticated, "Send an API token: set MLFLOW_TRACKING_TOKEN (Authorization: Bearer <token>).", 401);

    public static MlflowException Missing(string field) => InvalidParameter($"Missing value for required parameter '{field}'.");

    public IResult ToResult() => TypedResults.Json(new MlflowErrorJson(ErrorCode, Message), MlflowJson.Options, statusCode: Status);
}

public sealed record MlflowErrorJson(string ErrorCode, string Message);
