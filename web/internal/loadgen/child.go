package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"
)

// With -split the service runs in a child process (this program with
// -serve-child), so the server's CPU is measured apart from the load
// generator's: on 2 cores the clients' own work would otherwise count as
// the service's. The child prints "addr HOST:PORT" and then answers one
// line per command read from its stdin:
//
//	use    → "use CPU-NANOSECONDS ALLOCATED-BYTES COLLECTIONS"
//	start  → starts its CPU profile (when it has one): "ok"
//	stop   → stops it: "ok"
//
// and shuts down when its stdin closes.

// serverUse is what the service process has used so far.
type serverUse struct {
	cpu         time.Duration
	allocated   uint64
	collections uint32
}

func (u serverUse) since(before serverUse) serverUse {
	return serverUse{cpu: u.cpu - before.cpu, allocated: u.allocated - before.allocated, collections: u.collections - before.collections}
}

// serveForParent is the child's side: the service on a loopback port,
// commands on in, answers on out.
func serveForParent(articles int, dir, cpuProfile string, in io.Reader, out io.Writer) error {
	svc, err := startService(articles, dir)
	if err != nil {
		return err
	}
	defer svc.close()
	fmt.Fprintf(out, "addr %s\n", svc.addr)
	var prof *os.File
	defer func() {
		if prof != nil {
			pprof.StopCPUProfile()
			prof.Close()
		}
	}()
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		switch cmd := strings.TrimSpace(sc.Text()); cmd {
		case "use":
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			fmt.Fprintf(out, "use %d %d %d\n", cpuTime().Nanoseconds(), ms.TotalAlloc, ms.NumGC)
		case "start":
			if cpuProfile != "" && prof == nil {
				if prof, err = os.Create(cpuProfile); err != nil {
					return err
				}
				if err := pprof.StartCPUProfile(prof); err != nil {
					return err
				}
			}
			fmt.Fprintln(out, "ok")
		case "stop":
			if prof != nil {
				pprof.StopCPUProfile()
				if err := prof.Close(); err != nil {
					return err
				}
				prof = nil
			}
			fmt.Fprintln(out, "ok")
		default:
			return fmt.Errorf("serve-child: unknown command %q", cmd)
		}
	}
	return sc.Err()
}

// childService is the parent's handle on the child.
type childService struct {
	addr string
	cmd  *exec.Cmd
	in   io.WriteCloser
	out  *bufio.Reader
}

// startChild runs this program as the service, with the same index.
func startChild(articles int, dir string, gcPercent int, cpuProfile string) (*childService, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(self, "-serve-child", "-articles", strconv.Itoa(articles), "-index", dir,
		"-gogc", strconv.Itoa(gcPercent), "-cpuprofile", cpuProfile)
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	outPipe, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	c := &childService{cmd: cmd, in: in, out: bufio.NewReader(outPipe)}
	line, err := c.read()
	if err != nil {
		c.close()
		return nil, fmt.Errorf("service process: %w", err)
	}
	addr, ok := strings.CutPrefix(line, "addr ")
	if !ok {
		c.close()
		return nil, fmt.Errorf("service process said %q, not its address", line)
	}
	c.addr = addr
	return c, nil
}

func (c *childService) read() (string, error) {
	line, err := c.out.ReadString('\n')
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(line), nil
}

// ask sends a command and returns the answer.
func (c *childService) ask(cmd string) (string, error) {
	if _, err := fmt.Fprintln(c.in, cmd); err != nil {
		return "", err
	}
	return c.read()
}

func (c *childService) use() (serverUse, error) {
	a, err := c.ask("use")
	if err != nil {
		return serverUse{}, err
	}
	var cpu int64
	var u serverUse
	if _, err := fmt.Sscanf(a, "use %d %d %d", &cpu, &u.allocated, &u.collections); err != nil {
		return serverUse{}, fmt.Errorf("service process answered %q: %w", a, err)
	}
	u.cpu = time.Duration(cpu)
	return u, nil
}

func (c *childService) start() error { return c.expectOK("start") }
func (c *childService) stop() error  { return c.expectOK("stop") }

func (c *childService) expectOK(cmd string) error {
	a, err := c.ask(cmd)
	if err == nil && a != "ok" {
		err = fmt.Errorf("service process answered %q to %s", a, cmd)
	}
	return err
}

// close ends the child: its stdin closes, it shuts down.
func (c *childService) close() {
	c.in.Close()
	done := make(chan error, 1)
	go func() { done <- c.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		c.cmd.Process.Kill()
		<-done
	}
}
