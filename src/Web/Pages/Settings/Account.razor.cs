using System.Net;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Settings;

/// <summary>
/// The signed-in person's account: who they are, and changing their password (other sessions end, this one goes on).
/// Single sign-on accounts have no password here; the server answers 409 and the page explains that instead.
/// </summary>
public partial class Account : IDisposable
{
    private const string Repeat = "Repeat";
    private readonly FieldErrors _errors = new();
    private string _current = "";
    private string _new = "";
    private string _repeat = "";
    private string? _general;
    private string? _singleSignOn;
    private bool _show;
    private bool _busy;

    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private AppState State { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;

    private InputType PasswordType => _show ? InputType.Text : InputType.Password;

    private string DisplayName => State.User is { } u ? (string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email : u.DisplayName) : "";

    private string Initial => DisplayName.Length > 0 ? char.ToUpperInvariant(DisplayName[0]).ToString() : "?";

    protected override void OnInitialized() => State.Changed += OnStateChanged;

    private void OnStateChanged() => _ = InvokeAsync(StateHasChanged);

    private bool Validate()
    {
        _errors.Clear();
        _general = null;
        if (_current.Length == 0) _errors.Set(nameof(ChangePasswordRequest.CurrentPassword), "Enter your current password.");
        if (_new.Length == 0) _errors.Set(nameof(ChangePasswordRequest.NewPassword), "Choose a new password.");
        else if (_new == _current) _errors.Set(nameof(ChangePasswordRequest.NewPassword), "Choose a password different from the current one.");
        if (_repeat.Length == 0) _errors.Set(Repeat, "Type the new password again.");
        else if (_repeat != _new) _errors.Set(Repeat, "The passwords do not match.");
        return !_errors.Any;
    }

    private async Task ChangeAsync()
    {
        if (_busy || !Validate()) return;
        _busy = true;
        try
        {
            await Api.ChangePasswordAsync(new ChangePasswordRequest(_current, _new));
            _current = _new = _repeat = "";
            _show = false;
            Feedback.Success("Password changed. Other sessions of this account were signed out.");
        }
        catch (PlatformApiException ex) when (ex.Status == HttpStatusCode.Conflict)
        {
            _singleSignOn = ex.UserMessage; // A single sign-on account: the provider holds the password.
        }
        catch (PlatformApiException ex) when (ex.Status == HttpStatusCode.BadRequest)
        {
            _general = _errors.AddFrom(ex, nameof(ChangePasswordRequest.CurrentPassword), nameof(ChangePasswordRequest.NewPassword));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Feedback.ErrorAsync(ex);
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose()
    {
        State.Changed -= OnStateChanged;
        GC.SuppressFinalize(this);
    }
}
