using System.Net;
using Microsoft.AspNetCore.Components;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Auth;

/// <summary>Email and password sign-in (sets the cookie), plus single sign-on when the server has it switched on.</summary>
public partial class SignIn
{
    public const string SingleSignOnPath = "/api/auth/oidc/challenge";
    private readonly FieldErrors _errors = new();
    private string _email = "";
    private string _password = "";
    private string? _general;
    private bool _busy;
    private bool _checking = true;
    private SetupStatusDto? _setup;

    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private AppState State { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;

    [SupplyParameterFromQuery] public string? ReturnUrl { get; set; }

    protected override async Task OnInitializedAsync()
    {
        try
        {
            var status = await State.EnsureLoadedAsync();
            if (status == SessionStatus.NeedsSetup) { Nav.NavigateTo("/setup", replace: true); return; }
            if (status == SessionStatus.SignedIn) { Nav.NavigateTo(SafeReturnUrl, replace: true); return; }
            _setup = await State.GetSetupAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _general = Feedback.MessageFor(ex);
        }
        _checking = false;
    }

    /// <summary>Only local paths, so a crafted link cannot send people elsewhere after sign-in.</summary>
    private string SafeReturnUrl =>
        ReturnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
            && !url.StartsWith("/\\", StringComparison.Ordinal) && !url.StartsWith("/sign-in", StringComparison.Ordinal)
            ? url : "/";

    private async Task SubmitAsync()
    {
        if (_busy) return;
        _errors.Clear();
        _general = null;
        if (_email.Trim().Length == 0) _errors.Set(nameof(SignInRequest.Email), "Enter your email address.");
        if (_password.Length == 0) _errors.Set(nameof(SignInRequest.Password), "Enter your password.");
        if (_errors.Any) return;

        _busy = true;
        try
        {
            var user = await Api.SignInAsync(new SignInRequest(_email.Trim(), _password));
            await State.CompleteSignInAsync(user);
            Nav.NavigateTo(SafeReturnUrl);
        }
        catch (PlatformApiException ex) when (ex.Status is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest && ex.Problem?.Errors is not { Count: > 0 })
        {
            _general = ex.Problem?.Detail ?? (ex.Status == HttpStatusCode.Unauthorized ? "The email or password is not right." : ex.UserMessage);
        }
        catch (PlatformApiException ex)
        {
            _general = _errors.AddFrom(ex, nameof(SignInRequest.Email), nameof(SignInRequest.Password));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _general = Feedback.MessageFor(ex);
        }
        finally
        {
            _busy = false;
        }
    }

    private void SingleSignOn() => Nav.NavigateTo(SingleSignOnPath, forceLoad: true);
}
