using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Settings;

/// <summary>Members of the current workspace; owners add, change roles and remove, everyone else reads.</summary>
public partial class Members
{
    private const string NoAccountMessage = "No account has this email";
    private static readonly WorkspaceRole[] Roles = [WorkspaceRole.Owner, WorkspaceRole.Maintainer, WorkspaceRole.Member, WorkspaceRole.Annotator, WorkspaceRole.Viewer];
    private readonly List<MemberDto> _items = [];
    private readonly FieldErrors _errors = new();
    private string? _next;
    private bool _loadingMore;
    private string _email = "";
    private WorkspaceRole _role = WorkspaceRole.Member;
    private bool _adding;
    private Guid? _busyMember;
    private bool _noAccount;

    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    /// <summary>The email belongs to nobody and the signed-in user may create accounts: offer the Users page.</summary>
    private bool OfferCreateAccount => _noAccount && State.User?.IsAdmin == true;

    private string CreateAccountUrl => "/settings/users?email=" + Uri.EscapeDataString(_email.Trim());

    private bool IsNoAccount() =>
        _errors.Get(nameof(AddMemberRequest.Email))?.Contains(NoAccountMessage, StringComparison.OrdinalIgnoreCase) == true;

    private static string RoleHelp(WorkspaceRole role) => role switch
    {
        WorkspaceRole.Owner => "Owners can do everything, including managing members and reading the audit log.",
        WorkspaceRole.Maintainer => "Maintainers manage the workspace's content and can rename it.",
        WorkspaceRole.Member => "Members create and change datasets, experiments and models.",
        WorkspaceRole.Annotator => "Annotators label and review the tasks given to them.",
        _ => "Viewers can look but not change anything.",
    };

    protected override void OnInitialized() => State.Live.Received += OnLiveEvent;

    protected override void OnWorkspaceChanged()
    {
        _items.Clear();
        _next = null;
        _errors.Clear();
        _noAccount = false;
    }

    protected override async Task LoadAsync(WorkspaceDto workspace)
    {
        var page = await Api.ListMembersAsync(workspace.Id);
        _items.Clear();
        _items.AddRange(page.Items);
        _next = page.NextCursor;
    }

    private async Task LoadMoreAsync()
    {
        if (Workspace is not { } ws || _next is null) return;
        _loadingMore = true;
        await Feedback.TryAsync(async () =>
        {
            var page = await Api.ListMembersAsync(ws.Id, _next);
            _items.AddRange(page.Items.Where(m => _items.All(i => i.UserId != m.UserId)));
            _next = page.NextCursor;
        });
        _loadingMore = false;
    }

    private async Task AddAsync()
    {
        if (_adding || Workspace is not { } ws) return;
        _errors.Clear();
        _noAccount = false;
        var email = _email.Trim();
        if (email.Length == 0 || !email.Contains('@', StringComparison.Ordinal))
        {
            _errors.Set(nameof(AddMemberRequest.Email), "Enter the email address of a user of this installation.");
            return;
        }
        _adding = true;
        try
        {
            var member = await Api.AddMemberAsync(ws.Id, new AddMemberRequest(email, _role));
            _items.RemoveAll(i => i.UserId == member.UserId);
            _items.Add(member);
            _email = "";
            Feedback.Success($"{member.Email} is invited as {member.Role}; they join when they accept.");
        }
        catch (PlatformApiException ex) when (ex.Problem?.Errors is { Count: > 0 })
        {
            if (_errors.AddFrom(ex, nameof(AddMemberRequest.Email)) is { Length: > 0 } rest) Feedback.Error(rest);
            _noAccount = IsNoAccount();
        }
        catch (PlatformApiException ex) when (ex.Status == System.Net.HttpStatusCode.NotFound)
        {
            _errors.Set(nameof(AddMemberRequest.Email), ex.Problem?.Detail ?? "No account has this email; an administrator creates accounts first.");
            _noAccount = IsNoAccount();
        }
        catch (Exception ex)
        {
            await Feedback.ErrorAsync(ex);
        }
        finally
        {
            _adding = false;
        }
    }

    private async Task ChangeRoleAsync(MemberDto member, WorkspaceRole role)
    {
        if (Workspace is not { } ws || role == member.Role) return;
        _busyMember = member.UserId;
        await Feedback.TryAsync(async () =>
        {
            var changed = await Api.ChangeMemberRoleAsync(ws.Id, member.UserId, new ChangeMemberRoleRequest(role));
            Replace(changed);
            Feedback.Success($"{changed.Email} is now {changed.Role}.");
            if (changed.UserId == State.User?.Id) await State.ReloadWorkspacesAsync();
        });
        _busyMember = null;
    }

    private async Task RemoveAsync(MemberDto member)
    {
        if (Workspace is not { } ws) return;
        var self = member.UserId == State.User?.Id;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            self ? "Leave this workspace?" : "Remove member?",
            self ? $"You will lose access to {ws.Name}." : $"{member.Email} will lose access to {ws.Name}.",
            yesText: "Remove", cancelText: "Cancel");
        if (confirmed != true) return;
        _busyMember = member.UserId;
        await Feedback.TryAsync(async () =>
        {
            await Api.RemoveMemberAsync(ws.Id, member.UserId);
            _items.RemoveAll(i => i.UserId == member.UserId);
            Feedback.Success($"{member.Email} removed.");
            if (self) await State.ReloadWorkspacesAsync();
        });
        _busyMember = null;
    }

    private void Replace(MemberDto member)
    {
        var index = _items.FindIndex(i => i.UserId == member.UserId);
        if (index >= 0) _items[index] = member;
    }

    /// <summary>Someone else changed the member list: read the first page again.</summary>
    private void OnLiveEvent(LiveEventDto e)
    {
        if (e.Type != LiveEvents.MembersChanged || e.WorkspaceId != Workspace?.Id || _adding || _busyMember is not null) return;
        _ = InvokeAsync(async () =>
        {
            await ReloadAsync();
            StateHasChanged();
        });
    }

    protected override void Disposing() => State.Live.Received -= OnLiveEvent;
}
