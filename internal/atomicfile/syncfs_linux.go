package atomicfile

import (
	"os"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// Magic numbers (statfs f_type) of the local disk file systems whose
// syncfs(2) writes back every dirty file and its metadata, and of tmpfs,
// which has nothing to write back. Network and FUSE file systems are left
// out: their syncfs may not reach the server's disk.
var wholeSyncFS = map[int64]bool{
	0xEF53:     true, // ext2, ext3, ext4
	0x58465342: true, // XFS
	0x9123683E: true, // Btrfs
	0xF2F52010: true, // F2FS
	0x01021994: true, // tmpfs
}

// canSyncFS reports whether syncFS on dir makes the files written in it
// after dir was opened durable and reports their write errors: Linux
// reports them to syncfs(2) since 5.8 (those met since the folder was
// opened), and only some file systems write everything back.
func canSyncFS(dir *os.File) bool {
	if !syncfsReportsErrors() {
		return false
	}
	var st unix.Statfs_t
	if err := unix.Fstatfs(int(dir.Fd()), &st); err != nil {
		return false
	}
	return wholeSyncFS[int64(st.Type)]
}

// syncFS syncs the file system holding dir (syncfs(2)).
func syncFS(dir *os.File) error {
	for {
		err := unix.Syncfs(int(dir.Fd()))
		if err != unix.EINTR {
			return err
		}
	}
}

// syncfsReportsErrors: the kernel is Linux 5.8 or later.
var syncfsReportsErrors = sync.OnceValue(func() bool {
	var u unix.Utsname
	if err := unix.Uname(&u); err != nil {
		return false
	}
	major, rest, _ := strings.Cut(unix.ByteSliceToString(u.Release[:]), ".")
	minor, _, _ := strings.Cut(rest, ".")
	maj, err1 := strconv.Atoi(major)
	mnr, err2 := strconv.Atoi(strings.TrimLeftFunc(minor, func(r rune) bool { return r < '0' || r > '9' }))
	if err1 != nil || err2 != nil {
		return false
	}
	return maj > 5 || maj == 5 && mnr >= 8
})
