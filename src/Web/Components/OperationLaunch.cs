using System.Net;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Components;

/// <summary>
/// A dialog's one operation: starting it (the API's refusal shown in the dialog, anything else through
/// <see cref="Feedback"/>), then how it ended (a failure or a cancellation becomes the dialog's error).
/// </summary>
public sealed class OperationLaunch(Feedback feedback)
{
    public OperationDto? Operation { get; private set; }
    public string? Error { get; set; }
    public bool Starting { get; private set; }

    public async Task StartAsync(Func<Task<OperationDto>> start)
    {
        if (Starting) return;
        Starting = true;
        Error = null;
        try
        {
            Operation = await start();
        }
        catch (PlatformApiException ex) when (ex.Status != HttpStatusCode.Unauthorized)
        {
            Error = ex.UserMessage;
        }
        catch (Exception ex)
        {
            await feedback.ErrorAsync(ex);
        }
        finally
        {
            Starting = false;
        }
    }

    /// <summary>Records the operation's end; <paramref name="work"/> names it in the messages ("The prediction").</summary>
    public void Finished(OperationDto operation, string work)
    {
        Operation = operation;
        Error = operation.State switch
        {
            OperationState.Failed => operation.Message ?? $"{work} failed.",
            OperationState.Cancelled => $"{work} was canceled.",
            _ => null,
        };
    }
}
