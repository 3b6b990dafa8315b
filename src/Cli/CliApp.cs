using Platform.Cli.Commands;
using Platform.Cli.Commands.Datasets;
using Platform.Cli.Commands.Models;
using Platform.Cli.Commands.Runs;
using Platform.Cli.Commands.Workspaces;
using Platform.Cli.Completion;
using Platform.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Platform.Cli;

/// <summary>The command tree: this is the table of contents of the platform tool.</summary>
public static class CliApp
{
    public static CommandApp Create(IAnsiConsole? console = null)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("platform");
            config.UseAssemblyInformationalVersion();
            if (console is not null) config.ConfigureConsole(console);
            config.UseStrictParsing();
            config.CancellationExitCode(ExitCodes.Interrupted);
            config.SetExceptionHandler((exception, _) => UsageError(exception));

            config.AddCommand<LoginCommand>("login").WithDescription("Sign in to a server with an API token (saved in your config, mode 0600)")
                .WithExample("login", "https://platform.example.com", "--token-stdin");
            config.AddCommand<LogoutCommand>("logout").WithDescription("Forget the saved token");
            config.AddBranch<WorkspacesSettings>("workspaces", workspaces =>
            {
                workspaces.SetDescription("Your workspaces (lists them without a subcommand)");
                workspaces.SetDefaultCommand<ListWorkspacesCommand>();
                workspaces.AddCommand<ListWorkspacesCommand>("list").WithDescription("List your workspaces and your role in each");
                workspaces.AddCommand<UseWorkspaceCommand>("use").WithDescription("Choose the workspace later commands use").WithExample("workspaces", "use", "Vision");
            });
            config.AddBranch<WorkspaceSettings>("datasets", datasets =>
            {
                datasets.SetDescription("Push, pull and inspect datasets (lists them without a subcommand)");
                datasets.SetDefaultCommand<ListDatasetsCommand>();
                datasets.AddCommand<ListDatasetsCommand>("list").WithDescription("List the workspace's datasets");
                datasets.AddCommand<PushDatasetCommand>("push").WithDescription("Upload a folder or archive (resumable) and import it as a new version")
                    .WithExample("datasets", "push", "./flowers", "--dataset", "flowers");
                datasets.AddCommand<PullDatasetCommand>("pull").WithDescription("Export a version and download it")
                    .WithExample("datasets", "pull", "flowers", "--version", "2", "--file", "flowers-v2.zip");
                datasets.AddCommand<VersionsCommand>("versions").WithDescription("List a dataset's versions").WithExample("datasets", "versions", "flowers");
            });
            config.AddBranch<WorkspaceSettings>("runs", runs =>
            {
                runs.SetDescription("Start, follow and cancel training runs");
                runs.AddCommand<StartRunCommand>("start").WithDescription("Train on a dataset version").WithExample("runs", "start", "flowers", "--time-budget", "5", "--watch");
                runs.AddCommand<WatchRunCommand>("watch").WithDescription("Stream a run's metrics live until it ends");
                runs.AddCommand<RunLogsCommand>("logs").WithDescription("Print a run's log (--follow for new lines)");
                runs.AddCommand<CancelRunCommand>("cancel").WithDescription("Cancel a queued or running run");
            });
            config.AddBranch<WorkspaceSettings>("models", models =>
            {
                models.SetDescription("The model registry (lists models without a subcommand)");
                models.SetDefaultCommand<ListModelsCommand>();
                models.AddCommand<ListModelsCommand>("list").WithDescription("List registered models");
                models.AddCommand<RegisterModelCommand>("register").WithDescription("Register a succeeded run's model as a new version")
                    .WithExample("models", "register", "RUN-ID", "--name", "flowers");
            });
            config.AddCommand<DeployCommand>("deploy").WithDescription("Serve a model version at a live endpoint").WithExample("deploy", "flowers", "--alias", "production");
            config.AddCommand<PredictCommand>("predict").WithDescription("Predict files with a live endpoint").WithExample("predict", "flowers", "rose.jpg", "tulip.png");
            config.AddCommand<CompletionCommand>("completion").WithDescription("Print a shell completion script (bash or zsh)")
                .WithExample("completion", "bash");
        });
        return app;
    }

    private static int UsageError(Exception exception)
    {
        var errors = Output.Create(Console.Error, Console.IsErrorRedirected);
        if (exception is CommandAppException { Pretty: { } pretty }) errors.Write(pretty);
        else errors.MarkupLineInterpolated($"[red]error:[/] {exception.Message}");
        return ExitCodes.Usage;
    }
}
