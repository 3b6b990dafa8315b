using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;

namespace Platform.Web.Services;

/// <summary>Turns failures into something a person can act on: a snackbar with the server's message, or sign-in on 401.</summary>
public sealed class Feedback(ISnackbar snackbar, AppState state)
{
    public void Success(string message) => snackbar.Add(message, Severity.Success);

    public void Info(string message) => snackbar.Add(message, Severity.Info);

    public void Error(string message) => snackbar.Add(message, Severity.Error);

    public async Task ErrorAsync(Exception ex)
    {
        if (ex is PlatformApiException { Status: HttpStatusCode.Unauthorized })
        {
            // The layout sees the signed-out state and goes to the sign-in page.
            snackbar.Add("Your session has ended. Please sign in again.", Severity.Warning);
            await state.ForgetSessionAsync();
            return;
        }
        snackbar.Add(MessageFor(ex), Severity.Error);
    }

    /// <summary>Runs <paramref name="action"/>; on failure shows why and returns false.</summary>
    public async Task<bool> TryAsync(Func<Task> action)
    {
        try
        {
            await action();
            return true;
        }
        catch (OperationCanceledException ex) when (ex.InnerException is not TimeoutException)
        {
            return false; // The page went away; nobody is waiting for the answer.
        }
        catch (Exception ex)
        {
            await ErrorAsync(ex);
            return false;
        }
    }

    public static string MessageFor(Exception ex) => ex switch
    {
        PlatformApiException api => api.UserMessage,
        HttpRequestException => "The server could not be reached. Check the connection and try again.",
        OperationCanceledException => "The server took too long to answer. Try again.",
        JsonException or NotSupportedException => "The server sent an answer the portal does not understand.",
        _ => ex.Message,
    };

    public static string SignInUrl(NavigationManager nav)
    {
        var path = "/" + nav.ToBaseRelativePath(nav.Uri);
        return path is "/" or "/sign-in" || path.StartsWith("/sign-in?", StringComparison.Ordinal)
            ? "/sign-in"
            : "/sign-in?returnUrl=" + Uri.EscapeDataString(path);
    }
}
