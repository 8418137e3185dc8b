//go:build unix

package analyzer

import "syscall"

// readInto reads the regular file name into buf[:0], growing it as
// needed. It goes to the system directly: an os.File registers with the poller and
// sets the descriptor's mode, which costs more system calls than the
// read itself for the small files read here one after the other.
func readInto(buf []byte, name string) ([]byte, error) {
	if cap(buf) == 0 {
		buf = make([]byte, 0, 64<<10)
	}
	buf = buf[:0]
	var fd int
	var err error
	for {
		fd, err = syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return buf, err
	}
	defer syscall.Close(fd)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := syscall.Read(fd, buf[len(buf):cap(buf)])
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return buf, err
		case n == 0:
			return buf, nil
		}
		room := cap(buf) - len(buf)
		buf = buf[:len(buf)+n]
		if n < room {
			// A read of a regular file returns less than asked only at
			// its end (read(2)), so the read that would return 0 is
			// saved: a quarter of the system calls. Were a file system
			// to return less early, the rest of the file would go
			// unread: a TEXT symbol missed, a diagnostic not given.
			return buf, nil
		}
	}
}
