using Microsoft.AspNetCore.Components;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Auth;

/// <summary>First visit of a fresh install: create the first administrator, who is then signed in.</summary>
public partial class Setup
{
    private const string Confirm = "Confirm";
    private readonly FieldErrors _errors = new();
    private string _email = "";
    private string _name = "";
    private string _password = "";
    private string _confirm = "";
    private string? _general;
    private bool _busy;
    private bool _checking = true;

    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private AppState State { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            var status = await State.EnsureLoadedAsync();
            if (status != SessionStatus.NeedsSetup)
            {
                Nav.NavigateTo(status == SessionStatus.SignedIn ? "/" : "/sign-in", replace: true);
                return;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _general = Feedback.MessageFor(ex);
        }
        _checking = false;
    }

    private bool Validate()
    {
        _errors.Clear();
        _general = null;
        var email = _email.Trim();
        if (email.Length == 0) _errors.Set(nameof(CreateFirstAdminRequest.Email), "Enter an email address.");
        else if (!email.Contains('@', StringComparison.Ordinal) || email.StartsWith('@') || email.EndsWith('@'))
            _errors.Set(nameof(CreateFirstAdminRequest.Email), "Enter a valid email address, like name@example.com.");
        if (_password.Length == 0) _errors.Set(nameof(CreateFirstAdminRequest.Password), "Choose a password.");
        if (_confirm.Length == 0) _errors.Set(Confirm, "Type the password again.");
        else if (_confirm != _password) _errors.Set(Confirm, "The passwords do not match.");
        if (_name.Trim().Length > 100) _errors.Set(nameof(CreateFirstAdminRequest.DisplayName), "Use at most 100 characters.");
        return !_errors.Any;
    }

    private async Task SubmitAsync()
    {
        if (_busy || !Validate()) return;
        _busy = true;
        try
        {
            var name = _name.Trim();
            var user = await Api.CreateFirstAdminAsync(new CreateFirstAdminRequest(_email.Trim(), _password, name.Length == 0 ? null : name));
            await State.CompleteSignInAsync(user);
            Nav.NavigateTo("/");
        }
        catch (PlatformApiException ex)
        {
            _general = _errors.AddFrom(ex, nameof(CreateFirstAdminRequest.Email), nameof(CreateFirstAdminRequest.Password), nameof(CreateFirstAdminRequest.DisplayName));
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
}
