using System.Runtime.InteropServices;
using Platform.Cli;

// Ctrl+C (or SIGTERM) cancels the running command, which stops cleanly and exits 130; a second Ctrl+C ends the process.
using var interrupt = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    if (interrupt.IsCancellationRequested) return;
    context.Cancel = true;
    interrupt.Cancel();
}
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

return await CliApp.Create().RunAsync(args, interrupt.Token);
