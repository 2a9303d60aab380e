;;; sourced-eglot.el --- Sourced language server through Eglot  -*- lexical-binding: t; -*-

;; Sourced checks a journalist's draft against the story's sources.  This file tells
;; Eglot (built into Emacs 29+, or from ELPA) to start `sourced lsp' for Markdown and
;; text buffers, and adds two commands:
;;
;;   M-x sourced-reindex   re-read the story's sources
;;   M-x sourced-sources   list the sources of the quote or person at point
;;
;; Evidence from a newsroom archive that is not a file on this machine has a location
;; `sourced://archive/ID/NAME'; this file lets Emacs open such a name as a read-only
;; buffer whose text the server gives (M-. on an archived quote lands there).
;;
;; Install: put this file on `load-path', then
;;   (require 'sourced-eglot)
;;   (add-hook 'markdown-mode-hook #'eglot-ensure)   ; and/or text-mode-hook
;; See editors/README.md in the Sourced repository.

;;; Code:

(require 'eglot)
(require 'jsonrpc)
(require 'grep)

(defgroup sourced nil
  "Check drafts against the story's sources."
  :group 'tools
  :prefix "sourced-")

(defcustom sourced-server-program "sourced"
  "The `sourced' binary: a name looked up on `exec-path', or a full path."
  :type 'string)

(defcustom sourced-settings nil
  "Server settings sent as initializationOptions, or nil to let sourced.toml decide.
A plist such as
  (:corpus (:paths [\"sources\"]) :debounceMs 150
   :severity (:unattributed-quote \"off\"))
Settings given here override the story's sourced.toml."
  :type 'sexp)

(defun sourced--contact (_interactive)
  "The command Eglot runs for Sourced, with the settings of `sourced-settings'."
  (unless (executable-find sourced-server-program)
    (user-error "Sourced: cannot find `%s'; install it with `cargo install --path .' in a checkout of Sourced, or set `sourced-server-program'"
                sourced-server-program))
  (append (list sourced-server-program "lsp")
          (when sourced-settings
            (list :initializationOptions sourced-settings))))

(add-to-list 'eglot-server-programs
             '((markdown-mode gfm-mode text-mode) . sourced--contact))

(defun sourced--server ()
  "The Eglot server of this buffer, or an error saying there is none."
  (or (eglot-current-server)
      (user-error "Sourced: no language server runs for this buffer (M-x eglot starts one)")))

(defun sourced-reindex ()
  "Ask the Sourced server to re-read the story's sources."
  (interactive)
  (jsonrpc-request (sourced--server) :workspace/executeCommand
                   '(:command "sourced.reindex" :arguments []))
  (message "Sourced: re-indexing the sources"))

(defun sourced-sources ()
  "List the sources of the quote or person at point in a grep-style buffer."
  (interactive)
  (let* ((server (sourced--server))
         (params (eglot--TextDocumentPositionParams))
         (arg (list :uri (plist-get (plist-get params :textDocument) :uri)
                    :position (plist-get params :position)))
         (passages (jsonrpc-request server :workspace/executeCommand
                                    (list :command "sourced.showSources"
                                          :arguments (vector arg)))))
    (if (seq-empty-p passages)
        (message "Sourced: the sources say nothing about what is at point")
      (with-current-buffer (get-buffer-create "*sourced-sources*")
        (let ((inhibit-read-only t))
          (erase-buffer)
          (insert "Sources of the quote at point:\n\n")
          (seq-doseq (p passages)
            (let* ((file (eglot--uri-to-path (plist-get p :uri)))
                   (line (1+ (plist-get (plist-get (plist-get p :range) :start) :line)))
                   (label (string-join (delq nil (list (plist-get p :title) (plist-get p :outlet))) " · "))
                   (text (replace-regexp-in-string "[ \t\n]+" " " (or (plist-get p :text) ""))))
              (insert (format "%s:%d: %s%s\n" file line
                              (if (string-empty-p label) "" (format "[%s] " label))
                              text)))))
        (grep-mode)
        (goto-char (point-min)))
      (display-buffer "*sourced-sources*"))))

;;; Archived sources

(defconst sourced--archived-regexp "\\`sourced://"
  "File names of archived sources, which the Sourced server serves.")

(defun sourced--sourced-server-p (server)
  "Non-nil when SERVER is a Sourced server."
  (equal (plist-get (eglot--server-info server) :name) "sourced"))

(defun sourced--running-servers ()
  "The running Sourced servers, this buffer's first."
  (let ((here (eglot-current-server))
        (all (seq-filter #'sourced--sourced-server-p
                         (apply #'append (hash-table-values eglot--servers-by-project)))))
    (if (memq here all) (cons here (delq here all)) all)))

(defun sourced--archived-directory ()
  "The directory an archived source's buffer works in: the story's, else home."
  (let ((server (car (sourced--running-servers))))
    (file-name-as-directory
     (or (and server (project-root (eglot--project server)))
         (expand-file-name "~")))))

(define-derived-mode sourced-archived-mode special-mode "Sourced-Archived"
  "A read-only archived source, as the Sourced server keeps it.
It is a source, not a draft, so no language server checks it."
  (visual-line-mode 1))

(defun sourced--archived-text (uri)
  "The text of the archived source URI, asked of the server, or an error saying why not.
Each story has its own server, and only those configured with the archive can give the
text: each is asked in turn, this buffer's first."
  (let ((servers (sourced--running-servers))
        (refusals nil)
        (text nil))
    (unless servers
      (user-error "Sourced: cannot show the archived source %s: the language server is not running" uri))
    (while (and servers (not text))
      (let ((why (condition-case err
                     (let ((doc (jsonrpc-request (pop servers) :workspace/executeCommand
                                                 (list :command "sourced.archiveDocument"
                                                       :arguments (vector (list :uri uri))))))
                       (if (stringp (plist-get doc :text))
                           (progn (setq text (plist-get doc :text)) nil)
                         "the server's answer was not a document"))
                   (jsonrpc-error (or (alist-get 'jsonrpc-error-message (cdr err))
                                      (error-message-string err))))))
        (when (and why (not (member why refusals)))
          (setq refusals (append refusals (list why))))))
    (or text
        (user-error "Sourced: cannot show the archived source %s: %s" uri
                    (string-join refusals "; ")))))

(defun sourced--archived-handler (operation &rest args)
  "Serve `sourced://' file names: OPERATION on ARGS, read-only, text from the server."
  (pcase operation
    ((or 'expand-file-name 'file-truename 'abbreviate-file-name) (car args))
    ((or 'file-exists-p 'file-readable-p 'file-regular-p) t)
    ((or 'file-writable-p 'file-directory-p 'file-symlink-p 'file-remote-p
         'vc-registered 'file-locked-p 'lock-file 'unlock-file 'make-lock-file-name
         'file-newer-than-file-p 'file-notify-add-watch)
     nil)
    ('file-name-directory (sourced--archived-directory))
    ('file-name-nondirectory (replace-regexp-in-string "\\`.*/" "" (car args)))
    ('file-attributes nil)
    ('insert-file-contents
     (let* ((uri (nth 0 args))
            (visit (nth 1 args))
            (text (sourced--archived-text uri)))
       (save-excursion (insert text))
       (when visit
         (setq buffer-file-name uri
               buffer-read-only t)
         (set-buffer-modified-p nil))
       (list uri (length text))))
    ((or 'write-region 'rename-file 'delete-file 'copy-file 'make-directory 'set-file-modes)
     (user-error "Sourced: archived sources are read-only"))
    (_ (let ((inhibit-file-name-handlers
              (cons #'sourced--archived-handler
                    (and (eq inhibit-file-name-operation operation)
                         inhibit-file-name-handlers)))
             (inhibit-file-name-operation operation))
         (apply operation args)))))

(add-to-list 'file-name-handler-alist
             (cons sourced--archived-regexp #'sourced--archived-handler))
(add-to-list 'auto-mode-alist (cons sourced--archived-regexp #'sourced-archived-mode))

(provide 'sourced-eglot)
;;; sourced-eglot.el ends here
