using Microsoft.AspNetCore.Components;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Settings;

/// <summary>Administrators list the installation's accounts and create new ones (with a password to hand over).</summary>
public partial class Users
{
    private readonly List<UserDto> _items = [];
    private readonly FieldErrors _errors = new();
    private string? _next;
    private bool _loading;
    private bool _loaded;
    private bool _creating;
    private bool _showPassword;
    private string _email = "";
    private string _name = "";
    private string _password = "";
    private (string Email, string Password)? _created;

    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private AppState State { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;

    /// <summary>Prefills the email, e.g. from the Members page when nobody has that address yet.</summary>
    [SupplyParameterFromQuery(Name = "email")] public string? Email { get; set; }

    private bool IsAdmin => State.User?.IsAdmin == true;

    protected override Task OnInitializedAsync()
    {
        if (!IsAdmin) return Task.CompletedTask;
        _email = Email?.Trim() ?? "";
        return LoadMoreAsync();
    }

    private async Task LoadMoreAsync()
    {
        _loading = true;
        await Feedback.TryAsync(async () =>
        {
            var page = await Api.ListUsersAsync(_next);
            _items.AddRange(page.Items.Where(u => _items.All(i => i.Id != u.Id)));
            _next = page.NextCursor;
            _loaded = true;
        });
        _loading = false;
    }

    private void TogglePassword() => _showPassword = !_showPassword;

    private void GeneratePassword()
    {
        _password = PasswordGenerator.Generate();
        _showPassword = true;
        _errors.Clear(nameof(RegisterUserRequest.Password));
    }

    private bool Validate(string email, string name)
    {
        _errors.Clear();
        if (email.Length == 0) _errors.Set(nameof(RegisterUserRequest.Email), "Enter an email address.");
        else if (!email.Contains('@', StringComparison.Ordinal) || email.StartsWith('@') || email.EndsWith('@'))
            _errors.Set(nameof(RegisterUserRequest.Email), "Enter a valid email address, like name@example.com.");
        if (name.Length > 120) _errors.Set(nameof(RegisterUserRequest.DisplayName), "Use at most 120 characters.");
        if (_password.Length == 0) _errors.Set(nameof(RegisterUserRequest.Password), "Choose a password, or generate one.");
        else if (_password.Length < 8) _errors.Set(nameof(RegisterUserRequest.Password), "Use at least 8 characters.");
        else if (_password.Length > 128) _errors.Set(nameof(RegisterUserRequest.Password), "Use at most 128 characters.");
        else if (!_password.Any(char.IsLetter) || !_password.Any(char.IsDigit))
            _errors.Set(nameof(RegisterUserRequest.Password), "Use both letters and digits.");
        return !_errors.Any;
    }

    private async Task CreateAsync()
    {
        if (_creating) return;
        var email = _email.Trim();
        var name = _name.Trim();
        if (!Validate(email, name)) return;
        _created = null;

        _creating = true;
        try
        {
            var user = await Api.RegisterUserAsync(new RegisterUserRequest(email, _password, name.Length == 0 ? null : name));
            _items.RemoveAll(i => i.Id == user.Id);
            _items.Add(user);
            _created = (user.Email, _password);
            _email = _name = _password = "";
            _showPassword = false;
            Feedback.Success($"Account for {user.Email} created — share the password with them; they can sign in now.");
        }
        catch (PlatformApiException ex) when (ex.Problem?.Errors is { Count: > 0 })
        {
            var rest = _errors.AddFrom(ex, nameof(RegisterUserRequest.Email), nameof(RegisterUserRequest.Password), nameof(RegisterUserRequest.DisplayName));
            if (rest is { Length: > 0 }) Feedback.Error(rest);
        }
        catch (Exception ex)
        {
            await Feedback.ErrorAsync(ex);
        }
        finally
        {
            _creating = false;
        }
    }
}
