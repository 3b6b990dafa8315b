using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Admin;

/// <summary>The Users tab: the installation's accounts and what an administrator may do to them.</summary>
public partial class AdminUsers
{
    private readonly List<AdminUserDto> _items = [];
    private readonly FieldErrors _errors = new();
    private string? _next;
    private bool _loading;
    private bool _loaded;
    private bool _busy;
    private string _email = "";
    private string _name = "";
    private (string What, string Email, string Password)? _password;

    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private AppState State { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadMoreAsync();

    private async Task LoadMoreAsync()
    {
        _loading = true;
        await Feedback.TryAsync(async () =>
        {
            var page = await Api.ListAdminUsersAsync(_next);
            _items.AddRange(page.Items.Where(u => _items.All(i => i.Id != u.Id)));
            _next = page.NextCursor;
            _loaded = true;
        });
        _loading = false;
    }

    private async Task InviteAsync()
    {
        if (_busy) return;
        var email = _email.Trim();
        var name = _name.Trim();
        _errors.Clear();
        if (email.Length == 0) _errors.Set(nameof(InviteUserRequest.Email), "Enter an email address.");
        else if (!email.Contains('@', StringComparison.Ordinal) || email.StartsWith('@') || email.EndsWith('@'))
            _errors.Set(nameof(InviteUserRequest.Email), "Enter a valid email address, like name@example.com.");
        if (name.Length > 120) _errors.Set(nameof(InviteUserRequest.DisplayName), "Use at most 120 characters.");
        if (_errors.Any) return;
        _busy = true;
        try
        {
            var invited = await Api.InviteUserAsync(new InviteUserRequest(email, name.Length == 0 ? null : name));
            Replace(invited.User);
            _password = ("Temporary password", invited.User.Email, invited.TemporaryPassword);
            _email = _name = "";
            Feedback.Success($"Account for {invited.User.Email} created. Give them the temporary password; add them to a workspace on its Members page.");
        }
        catch (PlatformApiException ex) when (ex.Problem?.Errors is { Count: > 0 })
        {
            var rest = _errors.AddFrom(ex, nameof(InviteUserRequest.Email), nameof(InviteUserRequest.DisplayName));
            if (rest is { Length: > 0 }) Feedback.Error(rest);
        }
        catch (Exception ex)
        {
            await Feedback.ErrorAsync(ex);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task DisableAsync(AdminUserDto user)
    {
        if (await Dialogs.ShowMessageBoxAsync($"Disable {user.Email}?",
                "They are signed out everywhere at once, their API tokens stop working, and they cannot sign in until you enable the account again.",
                yesText: "Disable", cancelText: "Cancel") != true) return;
        await ChangeAsync(() => Api.DisableUserAsync(user.Id), $"{user.Email} is disabled.");
    }

    private Task EnableAsync(AdminUserDto user) => ChangeAsync(() => Api.EnableUserAsync(user.Id), $"{user.Email} can sign in again.");

    private async Task SetAdminAsync(AdminUserDto user, bool isAdmin)
    {
        if (isAdmin && await Dialogs.ShowMessageBoxAsync($"Make {user.Email} an administrator?",
                "Administrators manage every account, every workspace's quota and the job dashboard.",
                yesText: "Make administrator", cancelText: "Cancel") != true) return;
        await ChangeAsync(() => Api.SetAdminAsync(user.Id, isAdmin),
            isAdmin ? $"{user.Email} is now an administrator." : $"{user.Email} is no longer an administrator.");
    }

    private async Task ResetPasswordAsync(AdminUserDto user)
    {
        if (await Dialogs.ShowMessageBoxAsync($"Reset the password of {user.Email}?",
                "Their current password stops working and they are signed out everywhere; you get a temporary password to give them.",
                yesText: "Reset password", cancelText: "Cancel") != true) return;
        await Feedback.TryAsync(async () =>
        {
            var reset = await Api.ResetPasswordAsync(user.Id);
            Replace(reset.User);
            _password = ("New temporary password", reset.User.Email, reset.TemporaryPassword);
        });
    }

    private async Task ChangeAsync(Func<Task<AdminUserDto>> change, string done)
    {
        if (await Feedback.TryAsync(async () => Replace(await change()))) Feedback.Success(done);
    }

    private void Replace(AdminUserDto user)
    {
        var index = _items.FindIndex(i => i.Id == user.Id);
        if (index >= 0) _items[index] = user;
        else _items.Add(user);
    }
}
