using System.Net;
using Platform.Contracts;

namespace Platform.Web.Services;

public enum SessionStatus { Unknown, NeedsSetup, SignedOut, SignedIn }

/// <summary>
/// Who is signed in, their workspaces and the current one (remembered in localStorage), and the live connection's
/// lifetime. Pages read it and subscribe to <see cref="Changed"/>.
/// </summary>
public sealed class AppState(PlatformClient api, LocalStore store, LiveConnection live)
{
    private const string WorkspaceKey = "platform.workspace";
    private const int MaxWorkspacePages = 20;
    private readonly List<WorkspaceDto> _workspaces = [];
    private Task<SessionStatus>? _loading;

    public SessionStatus Status { get; private set; }
    public SetupStatusDto? Setup { get; private set; }
    public UserDto? User { get; private set; }
    public IReadOnlyList<WorkspaceDto> Workspaces => _workspaces;
    public WorkspaceDto? Current { get; private set; }
    public LiveConnection Live => live;

    public bool IsOwner => Current?.MyRole == WorkspaceRole.Owner;
    public bool IsMaintainerOrAbove => Current?.MyRole >= WorkspaceRole.Maintainer;

    public event Action? Changed;

    /// <summary>Finds out once whether setup is needed and who is signed in; concurrent callers share the work.</summary>
    public Task<SessionStatus> EnsureLoadedAsync()
    {
        if (Status != SessionStatus.Unknown) return Task.FromResult(Status);
        return _loading ??= LoadAsync();
    }

    private async Task<SessionStatus> LoadAsync()
    {
        try
        {
            Setup = await api.GetSetupStatusAsync();
            if (Setup.NeedsFirstAdmin) return SetStatus(SessionStatus.NeedsSetup);
            UserDto me;
            try { me = await api.GetMeAsync(); }
            catch (PlatformApiException ex) when (ex.Status == HttpStatusCode.Unauthorized) { return SetStatus(SessionStatus.SignedOut); }
            await CompleteSignInAsync(me);
            return Status;
        }
        finally
        {
            _loading = null;
        }
    }

    public async Task<SetupStatusDto> GetSetupAsync() => Setup ??= await api.GetSetupStatusAsync();

    /// <summary>Called after the first administrator is created or a sign-in succeeded (the cookie is set).</summary>
    public async Task CompleteSignInAsync(UserDto user)
    {
        User = user;
        Setup = Setup is null ? null : Setup with { NeedsFirstAdmin = false };
        SetStatus(SessionStatus.SignedIn);
        await ReloadWorkspacesAsync();
        await live.StartAsync();
        await live.SwitchWorkspaceAsync(Current?.Id);
        Changed?.Invoke();
    }

    public async Task SignOutAsync()
    {
        try { await api.SignOutAsync(); }
        finally { await ForgetSessionAsync(); }
    }

    /// <summary>Drops everything known about the session (sign-out, or the server answered 401).</summary>
    public async Task ForgetSessionAsync()
    {
        User = null;
        Current = null;
        _workspaces.Clear();
        await live.StopAsync();
        SetStatus(SessionStatus.SignedOut);
        Changed?.Invoke();
    }

    public async Task ReloadWorkspacesAsync()
    {
        var all = new List<WorkspaceDto>();
        string? cursor = null;
        for (var page = 0; page < MaxWorkspacePages; page++)
        {
            var result = await api.ListWorkspacesAsync(cursor, Paging.MaxLimit);
            all.AddRange(result.Items);
            cursor = result.NextCursor;
            if (cursor is null) break;
        }
        _workspaces.Clear();
        _workspaces.AddRange(all);

        var saved = Guid.TryParse(await store.GetAsync(WorkspaceKey), out var id) ? id : (Guid?)null;
        var keep = Current?.Id ?? saved;
        var next = _workspaces.FirstOrDefault(w => w.Id == keep && !w.IsArchived) ?? _workspaces.FirstOrDefault(w => !w.IsArchived);
        await SetCurrentAsync(next);
    }

    public async Task SelectWorkspaceAsync(Guid id)
    {
        var ws = _workspaces.FirstOrDefault(w => w.Id == id);
        if (ws is null || ws.Id == Current?.Id) return;
        await SetCurrentAsync(ws);
    }

    /// <summary>Records a workspace the server just returned (created, renamed, archived).</summary>
    public async Task UpsertWorkspaceAsync(WorkspaceDto ws, bool select = false)
    {
        var index = _workspaces.FindIndex(w => w.Id == ws.Id);
        if (index >= 0) _workspaces[index] = ws;
        else _workspaces.Add(ws);

        if (select && !ws.IsArchived) await SetCurrentAsync(ws);
        else if (Current?.Id == ws.Id)
            await SetCurrentAsync(ws.IsArchived ? _workspaces.FirstOrDefault(w => !w.IsArchived) : ws);
        else if (Current is null && !ws.IsArchived) await SetCurrentAsync(ws);
        else Changed?.Invoke();
    }

    private async Task SetCurrentAsync(WorkspaceDto? ws)
    {
        Current = ws;
        if (ws is not null) await store.SetAsync(WorkspaceKey, ws.Id.ToString());
        if (Status == SessionStatus.SignedIn) await live.SwitchWorkspaceAsync(ws?.Id);
        Changed?.Invoke();
    }

    private SessionStatus SetStatus(SessionStatus status)
    {
        Status = status;
        return status;
    }
}
